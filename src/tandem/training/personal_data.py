"""What training and consultations hold about people, and how it is exported, erased, expired.

Registered with the privacy registry in TrainingConfig.ready. A participant's export holds
their own bookings with their own note, never the trainer's notes; the trainer's export
holds their slots and the notes they wrote.
"""

import datetime as dt

from django.conf import settings

from tandem.privacy.registry import Declaration, Holding

from . import consultations, services
from .models import ConsultationBooking, ConsultationSlot, TrainingInvitation

# The kind of text whose months TANDEM_RETENTION_BY_KIND sets ("consultation_notes=3").
CONSULTATION_NOTES = "consultation_notes"


def _iso(value):
    return value.isoformat() if value else None


def _round(programme_round) -> dict:
    return {
        "organisation": programme_round.programme.organisation.name,
        "programme": programme_round.programme.name,
        "round": programme_round.name,
    }


def export(user) -> dict:
    invitations = (
        TrainingInvitation.objects.filter(person=user)
        .select_related("session__round__programme__organisation")
        .order_by("session__starts_at", "pk")
    )
    bookings = (
        ConsultationBooking.objects.filter(person=user)
        .select_related("slot__round__programme__organisation", "slot__trainer")
        .order_by("slot__starts_at", "pk")
    )
    slots = (
        ConsultationSlot.objects.filter(trainer=user)
        .select_related("round__programme__organisation")
        .order_by("starts_at", "pk")
    )
    given = (
        ConsultationBooking.objects.filter(slot__trainer=user)
        .select_related("slot", "person")
        .order_by("slot__starts_at", "pk")
    )
    return {
        "training_invitations": [
            {
                **_round(i.session.round),
                "session": i.session.title,
                "starts_at": _iso(i.session.starts_at),
                "answer": i.answer,
                "answered_at": _iso(i.answered_at),
                "attended": i.attended,
            }
            for i in invitations
        ],
        "consultations_booked": [
            {
                **_round(b.slot.round),
                "trainer": b.slot.trainer.get_full_name(),
                "starts_at": _iso(b.slot.starts_at),
                "status": b.status,
                "note_for_the_trainer": b.note,
                "booked_at": _iso(b.created_at),
            }
            for b in bookings
        ],
        "consultation_slots_offered": [
            {
                **_round(s.round),
                "starts_at": _iso(s.starts_at),
                "minutes": s.duration_minutes,
                "online_url": s.online_url,
            }
            for s in slots
        ],
        "consultations_given": [
            {
                "starts_at": _iso(b.slot.starts_at),
                "person": b.person.get_full_name(),
                "status": b.status,
                "your_notes": b.trainer_notes,
            }
            for b in given
        ],
    }


def erase(user) -> dict[str, int]:
    """The person's invitations and bookings go; a trainer's slots go with their bookings."""
    return {
        **services.erase_invitations(person=user),
        **consultations.erase_consultations(person=user),
    }


def expire_texts(kind: str, round, dry_run: bool) -> dict[str, int]:
    if kind != CONSULTATION_NOTES:
        return {}
    return consultations.expire_consultation_notes(programme_round=round, dry_run=dry_run)


def apply_retention(now: dt.datetime) -> int:
    """Consultations (slots, bookings, notes) and materials of rounds past retention go;
    who attended which training stays as the record of the round."""
    from tandem.programmes.selectors import rounds_ended_before

    rounds = rounds_ended_before(months=settings.TANDEM_RETENTION_MONTHS, today=now.date())
    return services.clean_rounds(rounds=rounds.values("pk"))


DECLARATION = Declaration(
    app_label="training",
    holdings=(
        Holding(
            "training.TrainingSession",
            ("created_by",),
            "the trainer or coordinator",
            "organising the mentor training",
            "the round's coordinators and trainers",
            "as long as the round",
        ),
        Holding(
            "training.TrainingInvitation",
            ("person", "answer", "answered_at", "attended"),
            "the person invited",
            "inviting to the training and recording attendance",
            "the person, the round's coordinators and trainers",
            "as long as the round",
        ),
        Holding(
            "training.TrainingMaterial",
            ("file", "added_by"),
            "the trainer",
            "sharing material with those invited",
            "those invited, coordinators, trainers",
            "until retention after the round ends",
        ),
        Holding(
            "training.ConsultationSlot",
            ("trainer", "starts_at"),
            "the trainer",
            "offering consultations",
            "participants of the round (free slots only)",
            "until retention after the round ends",
        ),
        Holding(
            "training.ConsultationBooking",
            ("person", "note", "trainer_notes"),
            "the person who booked",
            "a confidential consultation",
            "the person and the trainer only (the trainer's notes: the trainer only)",
            "notes: N months after the round (consultation_notes); the booking: until "
            "retention after the round ends",
            retention_kind=CONSULTATION_NOTES,
        ),
    ),
    export=export,
    erase=erase,
    apply_retention=apply_retention,
    expire_texts=expire_texts,
    erase_order=50,
)
