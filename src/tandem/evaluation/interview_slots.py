"""Interviews booked from slots: staff publish times, a mentor or mentee books one.

Booking makes the person's Interview with that interviewer at that time (one per person
and round, as planning a fixed time does). The rules shared with consultations —
overlap, lengths, cancel notice — live in tandem.training.slots and training.limits.
Notes stay staff-only: nothing here reads or mails them.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from tandem.audit.services import log_action
from tandem.training import checks, slots
from tandem.training.limits import SLOT_MINUTES_MAX

from .enums import InterviewStatus
from .models import Interview, InterviewSlot
from .selectors import manage_url, portal_url, staff_of
from .services import _when_errors, interview_mail, require_staff

TAKEN = gettext_lazy("Someone else has just booked this time. Please choose another one.")


def free_slots(round):
    """The round's future slots nobody has booked, soonest first."""
    return (
        InterviewSlot.objects.filter(round=round, starts_at__gt=timezone.now(), interview=None)
        .select_related("interviewer")
        .order_by("starts_at", "pk")
    )


@transaction.atomic
def publish_interview_slot(
    *,
    round,
    by,
    starts_at: dt.datetime,
    duration_minutes: int,
    online_url: str = "",
    place: str = "",
    cancel_notice_hours: int = 24,
    interviewer=None,
) -> InterviewSlot:
    from tandem.people.models import User

    require_staff(round, by)
    interviewer = interviewer or by
    online_url, place = online_url.strip(), place.strip()
    errors = _when_errors(
        round,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        online_url=online_url,
        place=place,
        longest=SLOT_MINUTES_MAX,
    )
    errors["cancel_notice_hours"] = slots.cancel_notice_error(cancel_notice_hours)
    if not errors["starts_at"] and starts_at <= timezone.now():
        errors["starts_at"] = _("Please choose a time in the future.")
    if not staff_of(round).filter(pk=interviewer.pk).exists():
        errors["interviewer"] = _("Please choose a coordinator or trainer of this round.")
    checks.raise_if(errors)
    # The interviewer's row is the lock: two publications for one interviewer run one
    # after the other, so the overlap check sees the other's slot.
    User.objects.select_for_update().filter(pk=interviewer.pk).first()
    slots.refuse_clashes(interviewer, [starts_at], int(duration_minutes))
    try:
        with transaction.atomic():
            slot = InterviewSlot.objects.create(
                round=round,
                interviewer=interviewer,
                starts_at=starts_at,
                duration_minutes=int(duration_minutes),
                online_url=online_url,
                place=place,
                cancel_notice_hours=int(cancel_notice_hours),
            )
    except IntegrityError:
        raise ValidationError(
            {"starts_at": [_("You already offer a slot at this time.")]}
        ) from None
    log_action(by, "evaluation.interview_slot_published", slot, programme_round=round)
    return slot


@transaction.atomic
def remove_interview_slot(*, slot: InterviewSlot, by) -> None:
    slot = InterviewSlot.objects.select_for_update().get(pk=slot.pk)
    require_staff(slot.round, by)
    if Interview.objects.filter(slot=slot).exists():
        raise ValidationError(
            _("This slot is booked. Please cancel the interview first; the person is told.")
        )
    log_action(by, "evaluation.interview_slot_removed", slot, programme_round=slot.round)
    slot.delete()


@transaction.atomic
def book_interview_slot(*, slot_id: int, round, person) -> Interview:
    """Book a free slot. Two people at once: the row lock lets one through, the other
    is told; the unique slot of an interview backs the lock up."""
    if not person.has_perm("evaluation.take_part", round):
        raise PermissionDenied
    slot = (
        InterviewSlot.objects.select_for_update()
        .select_related("interviewer")
        .filter(pk=slot_id, round=round)
        .first()
    )
    if slot is None:
        raise ValidationError(_("This time is no longer offered. Please choose another one."))
    if slot.starts_at <= timezone.now():
        raise ValidationError(_("This time has passed. Please choose another one."))
    if Interview.objects.filter(slot=slot).exists():
        raise ValidationError(TAKEN)
    existing = Interview.objects.select_for_update().filter(round=round, person=person).first()
    if existing is not None and existing.status != InterviewStatus.CANCELLED:
        raise ValidationError(
            _("You already have an interview in this round; please cancel it first.")
        )
    fields = {
        "slot": slot,
        "interviewer": slot.interviewer,
        "starts_at": slot.starts_at,
        "duration_minutes": slot.duration_minutes,
        "online_url": slot.online_url,
        "place": slot.place,
        "status": InterviewStatus.PLANNED,
    }
    try:
        with transaction.atomic():
            if existing is not None:
                for name, value in fields.items():
                    setattr(existing, name, value)
                existing.sequence += 1
                existing.save()
                interview = existing
            else:
                interview = Interview.objects.create(round=round, person=person, **fields)
    except IntegrityError:
        raise ValidationError(TAKEN) from None
    log_action(person, "evaluation.interview_booked", interview, programme_round=round)
    mail_both("evaluation_interview_planned", "evaluation_interview_booked", interview)
    return interview


def may_cancel_booking(interview: Interview, now=None) -> bool:
    """A participant cancels a booked interview up to the slot's notice."""
    slot = interview.slot
    return (
        slot is not None
        and interview.status == InterviewStatus.PLANNED
        and slots.may_still_cancel(slot.starts_at, slot.cancel_notice_hours, now)
    )


@transaction.atomic
def cancel_booked_interview(*, round, person) -> Interview:
    """The participant cancels; the slot is free again and they may book another."""
    interview = (
        # of=self: PostgreSQL locks no nullable side of a join (slot, interviewer).
        Interview.objects.select_for_update(of=("self",))
        .select_related("slot", "interviewer")
        .filter(round=round, person=person)
        .first()
    )
    if interview is None or interview.slot is None:
        raise ValidationError(_("You have no booked interview to cancel."))
    if not may_cancel_booking(interview):
        hours = interview.slot.cancel_notice_hours
        raise ValidationError(
            ngettext(
                "Interviews can be cancelled up to %(n)s hour ahead. Please get in touch directly.",
                "Interviews can be cancelled up to %(n)s hours ahead. Please get in touch "
                "directly.",
                hours,
            )
            % {"n": hours}
        )
    interview.status = InterviewStatus.CANCELLED
    interview.slot = None
    interview.sequence += 1
    interview.save(update_fields=["status", "slot", "sequence", "updated_at"])
    log_action(person, "evaluation.interview_booking_cancelled", interview, programme_round=round)
    mail_both("evaluation_interview_cancelled", "evaluation_interview_booking_cancelled", interview)
    return interview


def mail_both(key: str, interviewer_key: str, interview: Interview) -> None:
    """The person (text `key`) and the interviewer (`interviewer_key`: told who booked or
    cancelled), each with a link to their page and calendar file."""
    person, round, interviewer = interview.person, interview.round, interview.interviewer
    interview_mail(key, interview, person, interviewer, portal_url("evaluation", round))
    if interviewer is not None:
        url = manage_url("evaluation_interview", round, interview=interview.pk)
        interview_mail(interviewer_key, interview, interviewer, person, url)
