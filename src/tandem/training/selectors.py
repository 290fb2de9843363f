"""Reads of training and consultations; the ``*_for_user`` ones encode who sees what.

Coordinators read consultations only through ``consultation_counts``: numbers, never a
person or a note (DESIGN.md §2).
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from tandem.programmes.enums import PhaseKind, RoleKind

from .enums import BookingStatus, InvitationAnswer
from .models import (
    ConsultationBooking,
    ConsultationSlot,
    TrainingInvitation,
    TrainingMaterial,
    TrainingSession,
)


def sessions_of_round(round):
    return TrainingSession.objects.filter(round=round).annotate(
        invited=Count("invitations", distinct=True),
        accepted=Count(
            "invitations", distinct=True, filter=Q(invitations__answer=InvitationAnswer.ACCEPTED)
        ),
        attended=Count("invitations", distinct=True, filter=Q(invitations__attended=True)),
    )


def sessions_for_user(programme_round, person):
    """The sessions a person sees: all of them for those who run the training
    (training.manage_training), the ones they are invited to for everyone else."""
    if person.has_perm("training.manage_training", programme_round):
        return sessions_of_round(programme_round)
    invited = TrainingInvitation.objects.filter(session__round=programme_round, person=person)
    return TrainingSession.objects.filter(pk__in=invited.values("session_id"))


def session_of_round(round, pk) -> TrainingSession | None:
    return TrainingSession.objects.filter(round=round, pk=pk).select_related("round").first()


def invitations_of(session):
    return session.invitations.select_related("person").order_by("person__name", "pk")


def invitations_for_user(programme_round, person):
    """The person's invitations in the round, with their sessions."""
    return (
        TrainingInvitation.objects.filter(session__round=programme_round, person=person)
        .select_related("session")
        .order_by("session__starts_at", "pk")
    )


def invitation_for_user(round, person, session_pk) -> TrainingInvitation | None:
    return invitations_for_user(round, person).filter(session_id=session_pk).first()


def materials_of(session):
    return TrainingMaterial.objects.filter(session=session)


def open_invitations_for_user(person):
    """Upcoming sessions the person has not answered yet, in every round (dashboard)."""
    return (
        TrainingInvitation.objects.filter(
            person=person, answer=InvitationAnswer.PENDING, session__starts_at__gt=timezone.now()
        )
        .select_related("session__round__programme__organisation")
        .order_by("session__starts_at")
    )


# --- the round's checklist ----------------------------------------------------------------


def mentors_without_training(programme_round):
    """Mentors of the round recorded at no session that took place before the tandem phase."""
    from tandem.people.models import User

    tandem_phase = programme_round.phases.filter(kind=PhaseKind.TANDEM_PHASE).first()
    attended = TrainingInvitation.objects.filter(session__round=programme_round, attended=True)
    if tandem_phase:
        attended = attended.filter(session__starts_at__date__lt=tandem_phase.starts_on)
    return (
        User.objects.filter(round_roles__round=programme_round, round_roles__role=RoleKind.MENTOR)
        .exclude(pk__in=attended.values("person"))
        .distinct()
        .order_by("name")
    )


# --- consultations ---------------------------------------------------------------------------


def active_booking(slot) -> ConsultationBooking | None:
    return slot.bookings.filter(status=BookingStatus.BOOKED).first()


def free_slots(programme_round, now=None):
    """Slots of the round in the future with no active booking, soonest first."""
    now = now or timezone.now()
    return (
        ConsultationSlot.objects.filter(round=programme_round, starts_at__gt=now)
        .exclude(bookings__status=BookingStatus.BOOKED)
        .select_related("trainer")
        .order_by("starts_at", "pk")
    )


def bookings_for_user(round, person):
    """The person's own consultations in the round (active and cancelled)."""
    return (
        ConsultationBooking.objects.filter(slot__round=round, person=person)
        .select_related("slot__trainer")
        .order_by("slot__starts_at", "pk")
    )


def slots_for_trainer(round, trainer):
    """The trainer's own slots with their active booking (who, and the note, are theirs)."""
    slots = list(
        ConsultationSlot.objects.filter(round=round, trainer=trainer).order_by("starts_at", "pk")
    )
    active = {
        b.slot_id: b
        for b in ConsultationBooking.objects.filter(
            slot__in=slots, status=BookingStatus.BOOKED
        ).select_related("person")
    }
    for slot in slots:
        slot.booking = active.get(slot.pk)
    return slots


def booking_for_trainer(round, trainer, pk) -> ConsultationBooking | None:
    return (
        ConsultationBooking.objects.filter(slot__round=round, slot__trainer=trainer, pk=pk)
        .select_related("slot", "person")
        .first()
    )


@dataclass(frozen=True)
class ConsultationCounts:
    """What coordinators may know: how much of the offered capacity is used."""

    offered: int
    booked: int
    held: int
    free: int


def consultation_counts(round, now=None) -> ConsultationCounts:
    now = now or timezone.now()
    slots = ConsultationSlot.objects.filter(round=round)
    booked = ConsultationBooking.objects.filter(slot__round=round, status=BookingStatus.BOOKED)
    return ConsultationCounts(
        offered=slots.count(),
        booked=booked.count(),
        held=booked.filter(slot__starts_at__lt=now).count(),
        free=free_slots(round, now).count(),
    )


def portal_url(name: str, round, **kwargs) -> str:
    return reverse(f"portal:{name}", kwargs={**round.url_kwargs, **kwargs})


def rounds_to_consult_for_user(person):
    """Rounds in which the person may book a consultation and a free slot is offered."""
    from tandem.programmes.models import Round

    free = (
        ConsultationSlot.objects.filter(starts_at__gt=timezone.now())
        .exclude(bookings__status=BookingStatus.BOOKED)
        .values("round")
    )
    return (
        Round.objects.filter(
            pk__in=free, roles__person=person, roles__role__in=[RoleKind.MENTOR, RoleKind.MENTEE]
        )
        .select_related("programme__organisation")
        .distinct()
        .order_by("-created_at")
    )


def active_booking_in_round(programme_round, pk) -> ConsultationBooking | None:
    """A booked (not cancelled) consultation of the round; who may see it is the caller's
    check (``training.join_consultation``)."""
    return (
        ConsultationBooking.objects.filter(
            slot__round=programme_round, pk=pk, status=BookingStatus.BOOKED
        )
        .select_related("slot__trainer", "person")
        .first()
    )
