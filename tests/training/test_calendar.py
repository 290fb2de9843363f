import icalendar
import pytest
from django.urls import reverse

from tandem.training import consultations, services
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
