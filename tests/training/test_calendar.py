import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from tandem.mail.models import QueuedMail
from tandem.training import consultations, reminders, services
from tandem.training.calendar import booking_ics, session_ics
from tandem.training.enums import Audience

pytestmark = pytest.mark.django_db


def _event(body: bytes):
    calendar = icalendar.Calendar.from_ical(body)
    return calendar, next(iter(calendar.walk("VEVENT")))


def test_session_file_keeps_its_uid_and_raises_sequence(invited, trainer):
    _calendar, first = _event(session_ics(invited))
    assert first["summary"] == "Training: Gesprächsführung"
    assert first.decoded("dtstart") == invited.starts_at
    assert str(first["location"]) == "https://meet.example.org/schulung"
    session = services.update_session(
        session=invited,
        by=trainer,
        title="Neu",
        starts_at=invited.starts_at,
        duration_minutes=120,
        online_url="",
        place="Raum 2",
        description="",
        audience=Audience.MENTORS,
    )
    _calendar, second = _event(session_ics(session))
    assert second["uid"] == first["uid"]
    assert int(second["sequence"]) == int(first["sequence"]) + 1


def test_cancelled_consultation_is_sent_with_method_cancel(slot, people, trainer):
    booking = consultations.book_consultation(
        slot=slot, person=people["mentee"], note="nicht im Kalender"
    )
    calendar, event = _event(booking_ics(booking, people["mentee"]))
    assert str(calendar["method"]) == "PUBLISH" and str(event["status"]) == "CONFIRMED"
    assert trainer.get_full_name() in str(event["summary"])
    assert "nicht im Kalender" not in booking_ics(booking, trainer).decode()
    booking = consultations.cancel_booking(booking=booking, by=people["mentee"])
    calendar, cancelled = _event(booking_ics(booking, people["mentee"]))
    assert str(calendar["method"]) == "CANCEL" and str(cancelled["status"]) == "CANCELLED"
    assert cancelled["uid"] == event["uid"]
    assert int(cancelled["sequence"]) == int(event["sequence"]) + 1


def test_invited_person_downloads_the_session_file(client, invited, people, round):
    client.force_login(people["mentor"])
    response = client.get(
        reverse("portal:training_session_ics", kwargs={**round.url_kwargs, "session": invited.pk})
    )
    assert response["Content-Type"].startswith("text/calendar")
    _calendar, event = _event(response.content)
    assert str(event["uid"]) == str(invited.uid)


# --- the file sent with the mails ---------------------------------------------------------


def _attached(key):
    rows = list(QueuedMail.objects.filter(template_key=key))
    assert rows
    return [(row, _event(row.calendar.encode())) for row in rows]


def test_invitations_carry_the_session_file_and_reminders_do_not(invited, slot, people):
    for _row, (calendar, event) in _attached("training_invitation"):
        assert str(calendar["method"]) == "PUBLISH" and str(event["uid"]) == str(invited.uid)
        assert str(event["location"]) == "https://meet.example.org/schulung"
    consultations.book_consultation(slot=slot, person=people["mentee"])
    now = invited.starts_at - dt.timedelta(hours=3)
    reminders.remind_training(now)
    assert QueuedMail.objects.filter(template_key="training_reminder").exists()
    assert not QueuedMail.objects.filter(template_key__endswith="_reminder").exclude(calendar="")


def test_a_booking_reaches_both_calendars_without_the_note(slot, people, trainer):
    mentee = people["mentee"]
    booking = consultations.book_consultation(slot=slot, person=mentee, note="nicht im Kalender")
    files = {row.to: event for row, (_c, event) in _attached("consultation_booked")}
    assert set(files) == {mentee.email, trainer.email}
    assert trainer.get_full_name() in str(files[mentee.email]["summary"])
    assert mentee.get_full_name() in str(files[trainer.email]["summary"])
    assert {str(event["uid"]) for event in files.values()} == {str(booking.uid)}
    consultations.cancel_booking(booking=booking, by=mentee)
    ((row, (calendar, event)),) = _attached("consultation_cancelled")
    assert row.to == trainer.email and str(calendar["method"]) == "CANCEL"
    assert not QueuedMail.objects.filter(calendar__contains="nicht im Kalender").exists()
