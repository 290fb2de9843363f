"""Reads of the evaluation; the ``*_for_user`` ones encode who sees what.

Participants read their own interview through ``interview_for_user`` — date, length,
link, status — and never its notes (those are read only by ``notes_of``, which the staff
pages alone call).
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from tandem.programmes.enums import RoleKind

from .enums import InterviewStatus
from .guide import GUIDE
from .models import FeedbackInvitation, FeedbackSession, Interview, InterviewNote, RoundReview

PARTICIPANT_ROLES = (RoleKind.MENTOR, RoleKind.MENTEE)
STAFF_ROLES = (RoleKind.COORDINATOR, RoleKind.TRAINER)


def participants(round):
    """Mentors and mentees of the round, by name."""
    from tandem.people.models import User

    return (
        User.objects.filter(
            round_roles__round=round, round_roles__role__in=PARTICIPANT_ROLES, is_active=True
        )
        .distinct()
        .order_by("name", "email")
    )


def staff_of(round):
    """Who may interview and moderate: the round's coordinators and trainers."""
    from django.db.models import Q

    from tandem.people.models import User

    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(round_roles__round=round, round_roles__role__in=STAFF_ROLES)
            | Q(coordinated_organisations=round.programme.organisation)
        )
        .distinct()
        .order_by("name", "email")
    )


def role_of(programme_round, person) -> str:
    roles = set(programme_round.roles.filter(person=person).values_list("role", flat=True))
    return RoleKind.MENTOR if RoleKind.MENTOR in roles else RoleKind.MENTEE


def interviews_of_round(programme_round):
    return Interview.objects.filter(round=programme_round).select_related("person", "interviewer")


def interview_of_round(round, pk) -> Interview | None:
    return interviews_of_round(round).filter(pk=pk).first()


def interview_rows(round) -> list[dict]:
    """Every participant with their interview (or None), for the staff's overview."""
    interviews = {interview.person_id: interview for interview in interviews_of_round(round)}
    roles = dict(round.roles.filter(role__in=PARTICIPANT_ROLES).values_list("person_id", "role"))
    return [
        {"person": person, "role": roles.get(person.pk), "interview": interviews.get(person.pk)}
        for person in participants(round)
    ]


def notes_of(interview) -> list[dict]:
    """The guide's items in order with the staff's notes (staff pages only)."""
    texts = dict(InterviewNote.objects.filter(interview=interview).values_list("item", "text"))
    return [{"item": item, "text": texts.get(item.key, "")} for item in GUIDE]


def interview_for_user(round, person) -> Interview | None:
    """The person's own interview: the staff's notes are not loaded."""
    return (
        Interview.objects.filter(round=round, person=person)
        .only(
            "pk",
            "round",
            "person",
            "starts_at",
            "duration_minutes",
            "online_url",
            "place",
            "status",
            "uid",
            "sequence",
            "updated_at",
        )
        .first()
    )


def feedback_session_of(round) -> FeedbackSession | None:
    return (
        FeedbackSession.objects.filter(round=round)
        .select_related("moderator")
        .prefetch_related(
            Prefetch("invitations", queryset=FeedbackInvitation.objects.select_related("person"))
        )
        .first()
    )


def feedback_invitation_for_user(round, person) -> FeedbackInvitation | None:
    return (
        FeedbackInvitation.objects.filter(session__round=round, person=person)
        .select_related("session")
        .defer("session__summary", "session__description")
        .first()
    )


def lessons_learned(round) -> str:
    review = RoundReview.objects.filter(round=round).first()
    return review.lessons_learned if review else ""


def interview_counts(round) -> dict[str, int]:
    """How many interviews are planned, held, cancelled (counts, for the report)."""
    counts = dict.fromkeys(InterviewStatus.values, 0)
    for status in Interview.objects.filter(round=round).values_list("status", flat=True):
        counts[status] += 1
    return counts


def portal_url(name: str, programme_round, **kwargs) -> str:
    return reverse(f"portal:{name}", kwargs={**programme_round.url_kwargs, **kwargs})


def manage_url(name: str, round, **kwargs) -> str:
    return reverse(f"manage:{name}", kwargs={**round.url_kwargs, **kwargs})


def open_evaluation_for_user(person):
    """Upcoming interviews and feedback invitations of the person (dashboard)."""
    now = timezone.now()
    interviews = Interview.objects.filter(
        person=person, status=InterviewStatus.PLANNED, starts_at__gt=now
    ).select_related("round__programme__organisation")
    invitations = (
        FeedbackInvitation.objects.filter(
            person=person, session__cancelled_at__isnull=True, session__starts_at__gt=now
        )
        .select_related("session__round__programme__organisation")
        .defer("session__summary")
    )
    return list(interviews), list(invitations)


def interviews_of_tandem_members(round) -> tuple[int, int]:
    """(held, to hold): interviews held with the members of the round's tandems."""
    from tandem.tandems.models import Tandem

    members = set()
    for mentor, mentee in Tandem.objects.filter(round=round).values_list("mentor", "mentee"):
        members |= {mentor, mentee}
    held = Interview.objects.filter(
        round=round, person__in=members, status=InterviewStatus.HELD
    ).count()
    return held, len(members)
