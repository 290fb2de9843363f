"""What the evaluation holds about people, and how it is exported, erased, expired.

Registered with the privacy registry in EvaluationConfig.ready. Interview notes are the
staff's working notes (DESIGN.md §2: staff only): the person interviewed gets that the
interview took place and when, never the notes — in the export as on every page. The
interviewer's export holds the interviews they led with the notes they wrote.
"""

import datetime as dt

from django.conf import settings

from tandem.privacy.registry import Declaration, Holding

from . import services
from .models import FeedbackInvitation, FeedbackSession, Interview, InterviewSlot

# The kind of text whose months TANDEM_RETENTION_BY_KIND sets ("interview_notes=3").
INTERVIEW_NOTES = "interview_notes"


def _iso(value):
    return value.isoformat() if value else None


def _round(programme_round) -> dict:
    return {
        "organisation": programme_round.programme.organisation.name,
        "programme": programme_round.programme.name,
        "round": programme_round.name,
    }


def export(user) -> dict:
    own = (
        Interview.objects.filter(person=user)
        .select_related("round__programme__organisation")
        .order_by("starts_at", "pk")
    )
    led = (
        Interview.objects.filter(interviewer=user)
        .select_related("round__programme__organisation", "person")
        .prefetch_related("notes")
        .order_by("starts_at", "pk")
    )
    invitations = (
        FeedbackInvitation.objects.filter(person=user)
        .select_related("session__round__programme__organisation")
        .order_by("session__starts_at", "pk")
    )
    offered = InterviewSlot.objects.filter(interviewer=user).select_related(
        "round__programme__organisation"
    )
    moderated = FeedbackSession.objects.filter(moderator=user).select_related(
        "round__programme__organisation"
    )
    return {
        "evaluation_interviews": [
            {
                **_round(i.round),
                "starts_at": _iso(i.starts_at),
                "minutes": i.duration_minutes,
                "status": i.status,
            }
            for i in own
        ],
        "evaluation_interviews_led": [
            {
                **_round(i.round),
                "person": i.person.get_full_name(),
                "starts_at": _iso(i.starts_at),
                "status": i.status,
                "your_notes": {note.item: note.text for note in i.notes.all()},
            }
            for i in led
        ],
        "interview_slots_offered": [
            {
                **_round(slot.round),
                "starts_at": _iso(slot.starts_at),
                "minutes": slot.duration_minutes,
                "place": slot.place,
                "online_url": slot.online_url,
            }
            for slot in offered
        ],
        "feedback_session_invitations": [
            {
                **_round(i.session.round),
                "starts_at": _iso(i.session.starts_at),
                "attended": i.attended,
            }
            for i in invitations
        ],
        "feedback_sessions_moderated": [
            {**_round(s.round), "starts_at": _iso(s.starts_at), "summary": s.summary}
            for s in moderated
        ],
    }


def erase(user) -> None:
    services.erase_participant(person=user)


def expire_texts(kind: str, round, dry_run: bool) -> dict[str, int]:
    """Interview notes go on their own months; the interviews (dates, status) stay."""
    if kind != INTERVIEW_NOTES:
        return {}
    return {
        "interview_notes_deleted": services.expire_interview_notes(
            programme_round=round, dry_run=dry_run
        )
    }


def apply_retention(now: dt.datetime) -> int:
    """The interview slots of rounds past retention go (an interview booked from one keeps
    its date); interviews, attendance and summaries stay as the record of the round."""
    from tandem.programmes.selectors import rounds_ended_before

    rounds = rounds_ended_before(months=settings.TANDEM_RETENTION_MONTHS, today=now.date())
    return services.delete_interview_slots(rounds=rounds.values("pk"))


DECLARATION = Declaration(
    app_label="evaluation",
    holdings=(
        Holding(
            "evaluation.Interview",
            ("person", "interviewer", "starts_at", "status"),
            "the participant interviewed",
            "the evaluation interview at the end of the round",
            "the person (date and status only), the round's coordinators and trainers",
            "as long as the round",
        ),
        Holding(
            "evaluation.InterviewNote",
            ("text", "written_by"),
            "the participant interviewed",
            "notes along the interview guide for the round's evaluation",
            "the round's coordinators and trainers only (not the person, not the partner)",
            "N months after the round ends (interview_notes)",
            retention_kind=INTERVIEW_NOTES,
        ),
        Holding(
            "evaluation.InterviewSlot",
            ("interviewer", "starts_at", "online_url", "place"),
            "the interviewer",
            "times offered for booking an evaluation interview",
            "the round's staff; participants of the round (free slots only)",
            "until retention after the round ends",
        ),
        Holding(
            "evaluation.FeedbackSession",
            ("moderator", "description", "summary"),
            "the moderator",
            "the closing feedback session and its summary",
            "the round's coordinators and trainers; those invited see date and link",
            "as long as the round",
        ),
        Holding(
            "evaluation.FeedbackInvitation",
            ("person", "attended"),
            "the person invited",
            "inviting to the feedback session and recording attendance",
            "the person, the round's coordinators and trainers",
            "as long as the round",
        ),
        Holding(
            "evaluation.RoundReview",
            ("lessons_learned", "updated_by"),
            "the coordinator",
            "the lessons learned of the round (round report)",
            "the round's coordinators and trainers",
            "as long as the round",
        ),
    ),
    export=export,
    # Staff opening an interview (its notes) is audited.
    records=lambda user: {
        "evaluation.interview": list(
            Interview.objects.filter(person=user).values_list("pk", flat=True)
        )
    },
    erase=erase,
    apply_retention=apply_retention,
    expire_texts=expire_texts,
    erase_order=50,
)
