"""Reminders the day before a training session (those invited who did not decline) and a
consultation (the person and the trainer), once each. Run hourly from cron.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from tandem.audit.services import log_action

from . import consultations, services
from .enums import BookingStatus, InvitationAnswer
from .models import ConsultationBooking, TrainingSession

REMIND_AHEAD = dt.timedelta(hours=24)


def _due(queryset, field: str, now: dt.datetime):
    return queryset.filter(
        reminded_at__isnull=True, **{f"{field}__gt": now, f"{field}__lte": now + REMIND_AHEAD}
    )


def remind_training(now: dt.datetime | None = None) -> tuple[int, int]:
    """Queue the reminders that are due; returns (sessions, consultations) reminded."""
    now = now or timezone.now()
    sessions = _due(TrainingSession.objects.all(), "starts_at", now)
    bookings = _due(
        ConsultationBooking.objects.filter(status=BookingStatus.BOOKED), "slot__starts_at", now
    )
    return (
        sum(_remind_session(pk, now) for pk in sessions.values_list("pk", flat=True)),
        sum(_remind_booking(pk, now) for pk in bookings.values_list("pk", flat=True)),
    )


@transaction.atomic
def _remind_session(pk: int, now: dt.datetime) -> int:
    # Locked and checked again: two runs at once must not send the reminder twice.
    session = (
        _due(TrainingSession.objects.select_for_update(), "starts_at", now)
        .select_related("round__programme__organisation")
        .filter(pk=pk)
        .first()
    )
    if session is None:
        return 0
    invited = session.invitations.exclude(answer=InvitationAnswer.DECLINED)
    for invitation in invited.select_related("person"):
        services.mail_about_session("training_reminder", session, invitation.person)
    session.reminded_at = now
    session.save(update_fields=["reminded_at"])
    log_action(None, "training.session_reminded", session, programme_round=session.round)
    return 1


@transaction.atomic
def _remind_booking(pk: int, now: dt.datetime) -> int:
    booking = (
        _due(ConsultationBooking.objects.select_for_update(of=("self",)), "slot__starts_at", now)
        .filter(status=BookingStatus.BOOKED, pk=pk)
        .select_related("slot__round__programme__organisation", "slot__trainer", "person")
        .first()
    )
    if booking is None:
        return 0
    trainer = booking.slot.trainer
    for recipient, partner in ((booking.person, trainer), (trainer, booking.person)):
        consultations.mail_about_booking("consultation_reminder", booking, recipient, partner)
    booking.reminded_at = now
    booking.save(update_fields=["reminded_at"])
    log_action(None, "training.consultation_reminded", booking)
    return 1
