"""Reads of mentor recruitment; functions ending in _for_user filter by viewer."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone, translation

from tandem.documents.supervisor_letter import SupervisorLetterData
from tandem.documents.texts import SUPERVISOR_LETTER
from tandem.mail.services import template_for
from tandem.people.tokens import hash_token, plausible_token
from tandem.programmes.enums import PhaseKind, RoleKind

from .enums import CandidateStatus
from .models import Candidate, MentorProfile, MentorTopic

MAIL_KEYS = ["mentor_invitation", "mentor_reminder"]


def _with_details(queryset):
    return queryset.select_related("person__institution", "round").prefetch_related(
        Prefetch(
            "levels",
            queryset=MentorTopic.objects.select_related("topic").order_by(
                "-level", "topic__position"
            ),
        ),
        "topics",
    )


def published_profiles(round):
    """Mentor profiles of the round that their persons released for the gallery.

    Only profiles of people who (still) hold the mentor role count. Person, institution
    and topics (``profile.topics.all()``; levels as ``profile.levels.all()``) are
    prefetched. Other apps rely on this name (e.g. mentees ranking preferred mentors).
    """
    return _with_details(
        MentorProfile.objects.filter(
            round=round,
            publish_in_gallery=True,
            person__round_roles__round=round,
            person__round_roles__role=RoleKind.MENTOR,
        ).distinct()
    ).order_by("person__name", "id")


def gallery_profiles(round, *, topic=None, institution_type: str = ""):
    profiles = published_profiles(round)
    if topic is not None:
        profiles = profiles.filter(levels__topic=topic)
    if institution_type:
        profiles = profiles.filter(person__institution__type=institution_type)
    return profiles.distinct()


def mentor_profiles_for_staff(round):
    """All profiles of a round for coordinators and the trainer (published or not)."""
    return _with_details(MentorProfile.objects.filter(round=round)).order_by("person__name", "id")


def profile_of(round, person) -> MentorProfile | None:
    return _with_details(MentorProfile.objects.filter(round=round, person=person)).first()


def candidates_for_round(round):
    return (
        Candidate.objects.filter(round=round)
        .select_related("person")
        .prefetch_related("topics")
        .order_by("name", "id")
    )


def pending_registration_for_token(token: str):
    """The info-event registration still waiting for this confirmation link, or None."""
    from .models import InfoEventRegistration

    if not plausible_token(token):
        return None
    return (
        InfoEventRegistration.objects.select_related("event__round")
        .filter(token_hash=hash_token(token), confirmed_at=None)
        .first()
    )


def candidate_for_token(token: str) -> Candidate | None:
    """The candidate whose personal link this is, if the link is still valid."""
    if not plausible_token(token):
        return None
    candidate = (
        Candidate.objects.select_related("round__programme__organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if candidate is None or not candidate.token_valid:
        return None
    return candidate


def open_invitations_for_user(person) -> list[Candidate]:
    """Unanswered invitations sent to one of the person's confirmed addresses.

    The dashboard lists them so that an invitation can be answered after signing up or
    logging in on another device, without the original link at hand.
    """
    from allauth.account.models import EmailAddress

    addresses = EmailAddress.objects.filter(user=person, verified=True).values_list(
        "email", flat=True
    )
    emails = [address.lower() for address in addresses]
    if not emails:
        return []
    return list(
        Candidate.objects.select_related("round__programme__organisation")
        .filter(email__in=emails, token_expires_at__gt=timezone.now())
        .filter(status__in=[CandidateStatus.INVITED, CandidateStatus.NO_ANSWER])
        .exclude(token_hash=None)
        .order_by("token_expires_at")
    )


def candidate_counts(round) -> dict[str, int]:
    return dict(
        Candidate.objects.filter(round=round)
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )


def registrations_for_event(event):
    if event is None:
        return []
    # Only confirmed addresses count (double opt-in).
    return event.registrations.exclude(confirmed_at=None).order_by("created_at", "id")


def info_event_of(round):
    from .models import InfoEvent

    return InfoEvent.objects.filter(round=round).first()


def supervisor_letter_data(round, person, language: str) -> SupervisorLetterData:
    """Plain data for the supervisor letter of one participant (mentor or mentee)."""
    roles = set(round.roles.filter(person=person).values_list("role", flat=True))
    phases = {phase.kind: phase for phase in round.phases.all()}
    organisation = round.programme.organisation
    with translation.override(language):
        phase_rows = [
            (str(kind.label), phases[kind].starts_on, phases[kind].ends_on)
            for kind in PhaseKind.ordered()
            if kind in phases and kind != PhaseKind.SETUP
        ]
    coordinator = organisation.coordinators.order_by("pk").first()
    contact = organisation.name
    if coordinator is not None:
        contact = f"{coordinator.get_full_name()}, {organisation.name} ({coordinator.email})"
    return SupervisorLetterData(
        language=language,
        person_name=person.get_full_name(),
        person_position=person.position,
        institution_name=person.institution.name if person.institution_id else "",
        role="mentor" if RoleKind.MENTOR in roles else "mentee",
        programme_name=round.programme.name,
        round_name=round.name,
        organisation_name=organisation.name,
        meeting_rhythm_weeks=round.meeting_rhythm_weeks,
        meeting_max_minutes=round.meeting_max_minutes,
        tandem_months=round.tandem_months,
        phases=phase_rows,
        contact=contact,
        issued_on=timezone.localdate(),
        text=template_for(SUPERVISOR_LETTER, language, round),
    )


def invitation_drafts(round):
    from tandem.mail.enums import MailStatus
    from tandem.mail.models import QueuedMail

    return QueuedMail.objects.filter(
        Q(template_key__in=MAIL_KEYS), round=round, status=MailStatus.DRAFT
    ).order_by("created_at", "id")
