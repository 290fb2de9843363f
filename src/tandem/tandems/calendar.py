"""Calendar files of meetings and each person's secret calendar feed.

Calendar data ends up on third-party servers (the person's calendar provider), so it
holds what the partner and the coordinators may know anyway — date, length, partner,
video link — and, for the rest, only a link to the workspace: no agenda, no notes.
"""

import datetime as dt

import icalendar
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.people.tokens import hash_token, new_token, plausible_token

from . import selectors
from .enums import MeetingStatus
from .models import CalendarFeed, Meeting

PRODID = "-//Tandem//Tandem meetings//EN"


def meeting_event(meeting: Meeting, viewer) -> icalendar.Event:
    """One meeting as the viewer's calendar shows it (times in UTC)."""
    partner = selectors.partner_of(meeting.tandem, viewer)
    url = settings.SITE_URL + selectors.meeting_url(meeting)
    starts_at = meeting.starts_at.astimezone(dt.UTC)
    event = icalendar.Event()
    event.add("uid", str(meeting.uid))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("last-modified", meeting.updated_at.astimezone(dt.UTC))
    event.add("dtstart", starts_at)
    event.add("dtend", starts_at + dt.timedelta(minutes=meeting.duration_minutes))
    event.add("summary", f"Tandem: {partner.get_full_name()}")
    event.add("url", url)
    event.add("description", _("Agenda and notes: %(url)s") % {"url": url})
    if meeting.video_url:
        event.add("location", meeting.video_url)
    cancelled = meeting.status == MeetingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def calendar_of(meetings, viewer, name: str = "", method: str = "PUBLISH") -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, viewer))
    return calendar.to_ical()


def meeting_ics(meeting: Meeting, viewer) -> bytes:
    # A cancelled meeting's file says CANCEL, so calendar programs remove the entry
    # (same UID, higher SEQUENCE); the feed keeps PUBLISH and marks it STATUS:CANCELLED.
    cancelled = meeting.status == MeetingStatus.CANCELLED
    return calendar_of([meeting], viewer, method="CANCEL" if cancelled else "PUBLISH")


def feed_ics(person) -> bytes:
    """All the person's meetings in every tandem and round, cancelled ones marked so."""
    return calendar_of(selectors.meetings_for_feed(person), person, name=_("Tandem meetings"))


# --- the secret address ----------------------------------------------------------------------


def calendar_feed_of(person) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(person=person).first()


def person_for_token(token: str):
    if not plausible_token(token):
        return None
    feed = (
        CalendarFeed.objects.select_related("person").filter(token_hash=hash_token(token)).first()
    )
    if feed is None or not feed.person.is_active:
        return None
    return feed.person


@transaction.atomic
def open_calendar_feed(person) -> CalendarFeed:
    """The person's feed, created on first use.

    ``feed.token`` holds the raw token when the feed was just made, else None (only its
    hash is stored, so an existing address cannot be shown again: renew it instead).
    """
    token, token_hash = new_token()
    feed, created = CalendarFeed.objects.get_or_create(
        person=person, defaults={"token_hash": token_hash}
    )
    feed.token = token if created else None
    if created:
        log_action(person, "tandem.calendar_feed_opened", feed)
    return feed


@transaction.atomic
def renew_calendar_feed(person) -> CalendarFeed:
    """A new secret address; the old one stops working at once (e.g. after it leaked)."""
    feed = CalendarFeed.objects.select_for_update().filter(person=person).first()
    if feed is None:
        return open_calendar_feed(person)
    feed.token, feed.token_hash = new_token()
    feed.save(update_fields=["token_hash"])
    log_action(person, "tandem.calendar_feed_renewed", feed)
    return feed
