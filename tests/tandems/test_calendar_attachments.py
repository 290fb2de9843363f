"""The partner's mail about a meeting carries the calendar file, as the page offers it:
same UID, a higher SEQUENCE on every change, METHOD:CANCEL when cancelled, no agenda."""

import icalendar
import pytest
from django.core import mail

from tandem.mail.models import QueuedMail
from tandem.tandems import services
from tandem.tandems.enums import MeetingStatus

from .workspace_helpers import AGENDA, agree, at, plan

pytestmark = pytest.mark.django_db


def _sent_calendar(message):
    ((name, content, mimetype),) = message.attachments
    assert (name, mimetype) == ("invite.ics", "text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event, content


def test_planned_moved_and_cancelled_meetings_reach_the_partners_calendar(
    tandem, mentor, mentee, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = plan(tandem, mentee, days=6, video_url="https://meet.example.org/raum-7")
    (planned,) = mail.outbox
    assert planned.to == [mentor.email]
    calendar, event, content = _sent_calendar(planned)
    assert str(calendar["METHOD"]) == "PUBLISH" and str(event["UID"]) == str(meeting.uid)
    # the partner's view: named after the one who planned it, never the agenda
    assert str(event["SUMMARY"]) == f"Tandem: {mentee.get_full_name()}"
    assert event.decoded("DTSTART") == at(6)
    assert str(event["LOCATION"]) == "https://meet.example.org/raum-7"
    assert AGENDA not in content

    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.update_meeting(
            meeting=meeting,
            by=mentee,
            starts_at=at(8),
            duration_minutes=60,
            video_url="https://meet.example.org/raum-7",
            agenda=AGENDA,
        )
    _calendar, moved, _content = _sent_calendar(mail.outbox[1])
    assert str(moved["UID"]) == str(event["UID"])
    assert int(moved["SEQUENCE"]) > int(event["SEQUENCE"])
    assert moved.decoded("DTSTART") == at(8)

    with django_capture_on_commit_callbacks(execute=True):
        services.set_meeting_status(meeting=meeting, by=mentor, status=MeetingStatus.CANCELLED)
    message = mail.outbox[2]
    assert message.to == [mentee.email]
    calendar, cancelled, _content = _sent_calendar(message)
    assert str(calendar["METHOD"]) == "CANCEL" and str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["UID"]) == str(event["UID"])
    assert int(cancelled["SEQUENCE"]) > int(moved["SEQUENCE"])
    assert str(cancelled["SUMMARY"]) == f"Tandem: {mentor.get_full_name()}"


def test_a_mail_without_a_meeting_has_no_attachment(tandem, mentor, mentee):
    agree(tandem, mentee)
    told = QueuedMail.objects.get(template_key="tandem_agreement_changed")
    assert told.calendar == ""
