"""A mail's calendar file: built in the recipient's language when queued, attached when
sent, kept when sending is retried, shown as an attachment in the outbox, in the person's
export, and gone when a person it names is erased."""

import icalendar
import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext as _

from tandem.mail import services
from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tandem.privacy.erasure import erase_person
from tandem.privacy.personal_data import personal_data_of
from tests.conftest import manage_url
from tests.factories import UserFactory

from .factories import QueuedMailFactory

pytestmark = pytest.mark.django_db


def _file(summary: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Tandem test//EN")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", "meeting-1@example.org")
    event.add("summary", summary)
    calendar.add_component(event)
    return calendar.to_ical()


def _queue(person, round, calendar):
    return services.queue_mail(
        key="tandem_meeting_planned",
        to=person.email,
        recipient=person,
        round=round,
        context={"name": person.get_full_name(), "partner": "Mona Mentorin", "url": "/x/"},
        calendar=calendar,
    )


def test_the_file_is_built_in_the_recipients_language_and_attached(
    round, django_capture_on_commit_callbacks
):
    person = UserFactory(language="de")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        queued = _queue(person, round, lambda: _file(_("Calendar file")))
    assert "SUMMARY:Kalenderdatei" in queued.calendar
    (sent,) = mail.outbox
    assert sent.attachments == [("invite.ics", queued.calendar, "text/calendar")]
    assert "Content-Type: text/calendar" in sent.message().as_string()


def test_a_file_that_cannot_be_built_leaves_the_mail_without_one(
    round, django_capture_on_commit_callbacks
):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        queued = _queue(person, round, lambda: 1 / 0)
    queued.refresh_from_db()
    assert queued.status == MailStatus.SENT and queued.calendar == ""
    assert [message.attachments for message in mail.outbox] == [[]]


def test_a_retried_mail_keeps_its_file(round, coordinator, django_capture_on_commit_callbacks):
    failed = QueuedMailFactory(
        round=round, status=MailStatus.FAILED, calendar=_file("Tandem").decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.retry_mails(round=round, by=coordinator)
    assert mail.outbox[0].attachments[0][1] == failed.calendar


def test_the_outbox_says_a_file_is_attached_without_showing_it(login, round, coordinator):
    with_file = QueuedMailFactory(round=round, calendar=_file("Tandem: Geheim Ort").decode())
    client = login(coordinator)
    html = client.get(manage_url("mail_outbox_mail", round, mail=with_file.pk)).content.decode()
    assert "a calendar file (invite.ics) with the date" in html
    assert "Geheim Ort" not in html and "BEGIN:VCALENDAR" not in html
    without = QueuedMailFactory(round=round)
    html = client.get(manage_url("mail_outbox_mail", round, mail=without.pk)).content.decode()
    assert "a calendar file (invite.ics)" not in html


def test_export_holds_the_file_and_erasure_removes_files_naming_the_person(round):
    erased = UserFactory(name="Hannah Weitläufig-Langname von Beispielhausen")
    partner = UserFactory()
    own = _queue(erased, round, lambda: _file("Tandem: Mona Mentorin"))
    # icalendar folds this long line, so the name is split across two lines in the file
    to_partner = QueuedMail.objects.create(
        round=round,
        to=partner.email,
        recipient=partner,
        subject="Treffen geplant",
        body="Ein Treffen ist geplant.",
        calendar=_file("Tandem mit " + "x" * 50 + " " + erased.name).decode(),
    )
    assert "\r\n " in to_partner.calendar
    unrelated = QueuedMail.objects.create(
        round=round,
        to=partner.email,
        subject="S",
        body="B",
        calendar=_file("Tandem: Otto").decode(),
    )
    exported = personal_data_of(erased)["mails"]
    assert [entry["calendar_file"] for entry in exported] == [own.calendar]
    QueuedMail.objects.filter(pk=own.pk).update(status=MailStatus.SENT)
    erase_person(erased, by=erased)
    calendars = dict(QueuedMail.objects.values_list("pk", "calendar"))
    assert calendars[own.pk] == "" and calendars[to_partner.pk] == ""
    assert calendars[unrelated.pk] == unrelated.calendar
