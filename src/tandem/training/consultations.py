"""State changes of consultations: slots, bookings, cancellations, the trainer's notes.

Confidential (DESIGN.md §2): the mails carry date and names only, never a note, and go
out without a round so the round's outbox does not show who booked; the audit entries
carry no round either, for the same reason.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from tandem.audit.services import log_action
from tandem.mail.services import queue_mail
from tandem.tandems.selectors import local_datetime, zone_of

from . import checks, slots
from .calendar import booking_ics
from .enums import BookingStatus
from .limits import MINUTES_MIN, SLOT_MINUTES_MAX
from .models import ConsultationBooking, ConsultationSlot, TrainingMaterial
from .selectors import portal_url

NOTE_MAX_LENGTH = 2000
TRAINER_NOTES_MAX_LENGTH = 10000
MAX_SLOTS_AT_ONCE = 60
TAKEN = gettext_lazy("Someone else has just booked this time. Please choose another one.")


@transaction.atomic
def publish_slots(
    *,
    round,
    trainer,
    starts_at: dt.datetime,
    duration_minutes: int,
    online_url: str = "",
    cancel_notice_hours: int = 24,
    weekly_until: dt.date | None = None,
) -> list[ConsultationSlot]:
    """One slot, or one a week at the same time until ``weekly_until`` (inclusive)."""
    from tandem.people.models import User

    if not trainer.has_perm("training.offer_consultations", round):
        raise PermissionDenied
    online_url = online_url.strip()
    errors = {
        "starts_at": checks.date_error(round, starts_at),
        "duration_minutes": checks.length_error(duration_minutes, MINUTES_MIN, SLOT_MINUTES_MAX),
        "online_url": checks.url_error(online_url),
        "cancel_notice_hours": slots.cancel_notice_error(cancel_notice_hours),
    }
    if not errors["starts_at"] and starts_at <= timezone.now():
        errors["starts_at"] = _("Please choose a time in the future.")
    times = [starts_at]
    if weekly_until is not None and not errors["starts_at"]:
        if weekly_until < timezone.localdate(starts_at):
            errors["weekly_until"] = _("The last day must not lie before the first slot.")
        else:
            while (
                timezone.localdate(times[-1] + dt.timedelta(weeks=1)) <= weekly_until
                and len(times) <= MAX_SLOTS_AT_ONCE
            ):
                times.append(times[-1] + dt.timedelta(weeks=1))
            if len(times) > MAX_SLOTS_AT_ONCE:
                errors["weekly_until"] = _(
                    "At most %(n)s slots at once, please choose an earlier last day."
                ) % {"n": MAX_SLOTS_AT_ONCE}
            elif error := checks.date_error(round, times[-1]):
                errors["weekly_until"] = error
    checks.raise_if(errors)
    # The trainer's row is the lock: two requests of one trainer publish one after the other,
    # so the overlap check below sees the other's slots.
    User.objects.select_for_update().filter(pk=trainer.pk).first()
    slots.refuse_clashes(trainer, times, int(duration_minutes))
    try:
        # The savepoint keeps the caller's transaction usable if the database refuses.
        with transaction.atomic():
            created = [
                ConsultationSlot.objects.create(
                    round=round,
                    trainer=trainer,
                    starts_at=time,
                    duration_minutes=duration_minutes,
                    online_url=online_url,
                    cancel_notice_hours=cancel_notice_hours,
                )
                for time in times
            ]
    except IntegrityError:
        # Only reachable past the lock above, e.g. a slot written by another path: the
        # database's own rule (no overlap, one slot per time) has the last word.
        raise ValidationError(
            {"starts_at": [_("You already offer a slot at this time.")]}
        ) from None
    log_action(
        trainer,
        "training.slots_published",
        created[0],
        programme_round=round,
        data={"count": len(created)},
    )
    return created


@transaction.atomic
def remove_slot(*, slot: ConsultationSlot, by) -> None:
    slot = ConsultationSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.trainer_id != by.pk:
        raise PermissionDenied
    if slot.bookings.filter(status=BookingStatus.BOOKED).exists():
        raise ValidationError(
            _("This slot is booked. Please cancel the consultation first; the person is told.")
        )
    log_action(by, "training.slot_removed", slot, programme_round=slot.round)
    slot.delete()


@transaction.atomic
def book_consultation(*, slot: ConsultationSlot, person, note: str = "") -> ConsultationBooking:
    """Book a free slot. Two people at once: the row lock lets one through, the other is told.

    The unique constraint on active bookings backs the lock up (e.g. on SQLite, which
    has no row locks): the losing insert is turned into the same clear message.
    """
    note = note.strip()
    slot = (
        ConsultationSlot.objects.select_for_update()
        .select_related("round", "trainer")
        .filter(pk=slot.pk)
        .first()
    )
    if slot is None:
        raise ValidationError(_("This time is no longer offered. Please choose another one."))
    if not person.has_perm("training.book_consultation", slot.round):
        raise PermissionDenied
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": [_("Please keep the note under %(n)s characters.") % {"n": NOTE_MAX_LENGTH}]}
        )
    if slot.starts_at <= timezone.now():
        raise ValidationError(_("This time has passed. Please choose another one."))
    if slot.bookings.filter(status=BookingStatus.BOOKED).exists():
        raise ValidationError(TAKEN)
    try:
        with transaction.atomic():
            booking = ConsultationBooking.objects.create(slot=slot, person=person, note=note)
    except IntegrityError:
        raise ValidationError(TAKEN) from None
    log_action(person, "training.consultation_booked", booking)
    for recipient, partner in ((person, slot.trainer), (slot.trainer, person)):
        mail_about_booking("consultation_booked", booking, recipient, partner)
    return booking


def may_still_cancel(booking: ConsultationBooking, now=None) -> bool:
    return booking.status == BookingStatus.BOOKED and slots.may_still_cancel(
        booking.slot.starts_at, booking.slot.cancel_notice_hours, now
    )


@transaction.atomic
def cancel_booking(*, booking: ConsultationBooking, by) -> ConsultationBooking:
    """Either side cancels, at least the trainer's notice ahead; the other side is told."""
    booking = (
        ConsultationBooking.objects.select_for_update()
        .select_related("slot__round", "slot__trainer", "person")
        .get(pk=booking.pk)
    )
    if not by.has_perm("training.cancel_booking", booking):
        raise PermissionDenied
    if booking.status != BookingStatus.BOOKED:
        raise ValidationError(_("This consultation is already cancelled."))
    if not may_still_cancel(booking):
        raise ValidationError(
            ngettext(
                "Consultations can be cancelled up to %(n)s hour ahead. Please get in touch "
                "directly.",
                "Consultations can be cancelled up to %(n)s hours ahead. Please get "
                "in touch directly.",
                booking.slot.cancel_notice_hours,
            )
            % {"n": booking.slot.cancel_notice_hours}
        )
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.sequence += 1
    booking.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
    log_action(by, "training.consultation_cancelled", booking)
    trainer = booking.slot.trainer
    other = trainer if by.pk == booking.person_id else booking.person
    mail_about_booking("consultation_cancelled", booking, other, by)
    return booking


@transaction.atomic
def save_trainer_notes(*, booking: ConsultationBooking, by, text: str) -> ConsultationBooking:
    """The trainer's own notes on a consultation; nobody else ever reads them."""
    if not by.has_perm("training.write_trainer_notes", booking):
        raise PermissionDenied
    text = text.replace("\r\n", "\n").strip()
    if len(text) > TRAINER_NOTES_MAX_LENGTH:
        raise ValidationError(
            {
                "trainer_notes": [
                    _("Please keep your notes under %(n)s characters.")
                    % {"n": TRAINER_NOTES_MAX_LENGTH}
                ]
            }
        )
    booking.trainer_notes = text
    booking.save(update_fields=["trainer_notes", "updated_at"])
    log_action(by, "training.consultation_notes_saved", booking)
    return booking


def mail_about_booking(key: str, booking: ConsultationBooking, recipient, partner) -> None:
    slot = booking.slot
    round = slot.round
    if recipient.pk == slot.trainer_id:
        url = reverse("manage:consultations", kwargs=round.url_kwargs)
    else:
        url = portal_url("consultations", round)
    queue_mail(
        # round=None on purpose: the round's outbox must not show who booked (see above);
        # the round's own texts of the purpose are used all the same.
        key=key,
        to=recipient.email,
        recipient=recipient,
        round=None,
        texts_of_round=round,
        review=False,
        calendar=None
        if key == "consultation_reminder"
        else (lambda: booking_ics(booking, recipient)),
        context={
            "name": recipient.get_full_name(),
            "partner": partner.get_full_name(),
            "when": local_datetime(slot.starts_at, recipient),
            "time_zone": zone_of(recipient).key,
            "minutes": slot.duration_minutes,
            "url": url,
            "round": round.name,
            "organisation": round.programme.organisation.name,
        },
    )


# --- erasure and retention (called from personal_data.py) -----------------------------


@transaction.atomic
def erase_consultations(*, person) -> dict[str, int]:
    """An erased person's bookings go (with both notes); a trainer's slots go with their
    bookings, and the materials they added stay without their name."""
    bookings = ConsultationBooking.objects.filter(person=person).delete()[1]
    removed = ConsultationSlot.objects.filter(trainer=person).delete()[1]
    TrainingMaterial.objects.filter(added_by=person).update(added_by=None)
    return {
        "consultation_bookings": bookings.get(ConsultationBooking._meta.label, 0),
        "consultation_slots": removed.get(ConsultationSlot._meta.label, 0),
    }


@transaction.atomic
def expire_consultation_notes(*, programme_round, dry_run: bool = False) -> dict[str, int]:
    """The notes of a round's consultations (the person's and the trainer's) are blanked
    once their retention runs out; that a consultation took place stays, for the figures."""
    bookings = ConsultationBooking.objects.filter(slot__round=programme_round).filter(
        ~Q(note="") | ~Q(trainer_notes="")
    )
    count = bookings.count()
    if not dry_run:
        bookings.update(note="", trainer_notes="")
    return {"consultation_notes_blanked": count}
