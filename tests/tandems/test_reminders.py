"""Reminders the day before a planned meeting: once, to both, in their language and zone."""

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail as outbox
from django.core.management import call_command

from tandem.mail.models import QueuedMail
from tandem.tandems import reminders, services, tasks
from tandem.tandems.enums import MeetingStatus
from tandem.tandems.models import Meeting

from .workspace_helpers import AGENDA, NEW_YORK, at, plan

pytestmark = pytest.mark.django_db


def reminder_mails():
    return QueuedMail.objects.filter(template_key="tandem_meeting_reminder")


def test_both_are_reminded_once_a_day_ahead_in_their_language_and_time_zone(
    tandem, mentor, mentee, django_capture_on_commit_callbacks
):
    mentor.language, mentor.time_zone = "de", "America/New_York"
    mentor.save()
    meeting = plan(tandem, mentee, days=10, video_url="https://meet.example.org/raum")
    starts_at = meeting.starts_at
    with time_machine.travel(starts_at - dt.timedelta(hours=25), tick=False):
        assert reminders.remind_meetings() == 0
    assert not reminder_mails().exists()
    with (
        time_machine.travel(starts_at - dt.timedelta(hours=23), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert reminders.remind_meetings() == 1
        assert reminders.remind_meetings() == 0  # once only
    assert Meeting.objects.get().reminded_at == starts_at - dt.timedelta(hours=23)
    to_mentor = reminder_mails().get(recipient=mentor)
    to_mentee = reminder_mails().get(recipient=mentee)
    assert to_mentor.language == "de" and "Erinnerung" in to_mentor.subject
    assert f"{starts_at.astimezone(NEW_YORK):%H:%M}" in to_mentor.body
    assert "America/New_York" in to_mentor.body and mentee.get_full_name() in to_mentor.body
    assert to_mentee.language == "en" and "Reminder" in to_mentee.subject
    # English times use the 24-hour clock (tandem/formats/en), like the German ones.
    assert "10:00 (Europe/Berlin)" in to_mentee.body and "Europe/Berlin" in to_mentee.body
    assert mentor.get_full_name() in to_mentee.body
    for sent in (to_mentor, to_mentee):
        assert AGENDA not in sent.body + sent.subject and "raum" not in sent.body
    # the immediate task backend sends at once: the e-mails really went out
    assert sorted(
        message.to[0]
        for message in outbox.outbox
        if "minder" in message.subject or "Erinnerung" in message.subject
    ) == sorted([mentor.email, mentee.email])


def test_cancelled_held_and_past_meetings_get_no_reminder(tandem, mentee):
    cancelled = plan(tandem, mentee, days=3)
    services.set_meeting_status(meeting=cancelled, by=mentee, status=MeetingStatus.CANCELLED)
    started = plan(tandem, mentee, days=3, agenda="")
    Meeting.objects.filter(pk=started.pk).update(starts_at=at(3) - dt.timedelta(hours=1))
    with time_machine.travel(at(3) - dt.timedelta(minutes=30), tick=False):
        assert reminders.remind_meetings() == 0
    assert not reminder_mails().exists()


def test_a_moved_meeting_is_reminded_again_for_its_new_date(tandem, mentor, mentee):
    meeting = plan(tandem, mentee, days=5)
    first, moved = at(5), at(6)  # reckoned from today, before travelling
    with time_machine.travel(first - dt.timedelta(hours=20), tick=False):
        assert reminders.remind_meetings() == 1
        meeting.refresh_from_db()
        services.update_meeting(
            meeting=meeting, by=mentor, starts_at=moved, duration_minutes=90, agenda=AGENDA
        )
        assert reminders.remind_meetings() == 0  # the new date is not due yet
    with time_machine.travel(moved - dt.timedelta(hours=20), tick=False):
        assert reminders.remind_meetings() == 1
    assert reminder_mails().count() == 4


def test_the_command_and_the_task(tandem, mentee):
    plan(tandem, mentee, days=4)
    plan(tandem, mentee, days=4, agenda="")
    with time_machine.travel(at(4) - dt.timedelta(hours=2), tick=False):
        out = io.StringIO()
        call_command("remind_meetings", stdout=out)
        assert "reminded 2 meeting(s)" in out.getvalue()
    plan(tandem, mentee, days=9)
    with time_machine.travel(at(9) - dt.timedelta(hours=2), tick=False):
        result = tasks.remind_meetings.enqueue()
        assert result.return_value == 1
    assert reminder_mails().count() == 6
