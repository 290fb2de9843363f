"""Calendar files of training sessions and consultations.

Each event keeps its UID for life and raises SEQUENCE on every change, so calendar
programs update the entry they already have; a cancelled consultation is sent with
METHOD:CANCEL and STATUS:CANCELLED so they remove it. A consultation's file holds the
date, the link and the other person's name, never the note.
"""

import datetime as dt

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import BookingStatus
from .models import ConsultationBooking, TrainingSession
from .selectors import portal_url

PRODID = "-//Tandem//Tandem training and consultations//EN"


def _event(uid, sequence, starts_at, minutes, summary, url, location, changed_at):
    starts_at = starts_at.astimezone(dt.UTC)
    event = icalendar.Event()
    event.add("uid", str(uid))
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("last-modified", changed_at.astimezone(dt.UTC))
    event.add("dtstart", starts_at)
    event.add("dtend", starts_at + dt.timedelta(minutes=minutes))
    event.add("summary", summary)
    event.add("url", url)
    if location:
        event.add("location", location)
    return event


def _calendar(event, method: str = "PUBLISH") -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    calendar.add_component(event)
    return calendar.to_ical()


def session_ics(session: TrainingSession) -> bytes:
    url = settings.SITE_URL + portal_url("training_session", session.round, session=session.pk)
    event = _event(
        session.uid,
        session.sequence,
        session.starts_at,
        session.duration_minutes,
        _("Training: %(title)s") % {"title": session.title},
        url,
        session.online_url or session.place,
        session.updated_at,
    )
    event.add("description", _("Agenda and materials: %(url)s") % {"url": url})
    event.add("status", "CONFIRMED")
    return _calendar(event)


def booking_ics(booking: ConsultationBooking, viewer) -> bytes:
    slot = booking.slot
    if viewer.pk == slot.trainer_id:
        other, url = booking.person, settings.SITE_URL + _manage_url(slot)
    else:
        other, url = slot.trainer, settings.SITE_URL + portal_url("consultations", slot.round)
    event = _event(
        booking.uid,
        booking.sequence,
        slot.starts_at,
        slot.duration_minutes,
        _("Consultation: %(name)s") % {"name": other.get_full_name()},
        url,
        slot.online_url,
        booking.updated_at,
    )
    cancelled = booking.status == BookingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return _calendar(event, "CANCEL" if cancelled else "PUBLISH")


def _manage_url(slot) -> str:
    from django.urls import reverse

    return reverse("manage:consultations", kwargs=slot.round.url_kwargs)
