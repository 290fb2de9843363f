"""Interviews booked from slots: who may book, one per person, a slot once, cancel, mails,
overlap refused next to the field, notes never shown to participants."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from tandem.evaluation import interview_slots, services
from tandem.evaluation.enums import InterviewStatus
from tandem.evaluation.models import Interview
from tandem.mail.models import QueuedMail
from tandem.tandems.selectors import zone_of

from .conftest import at

pytestmark = pytest.mark.django_db


def _url(name, round, **kwargs):
    return reverse(name, kwargs={**round.url_kwargs, **kwargs})


@pytest.fixture
def slot(round, trainer):
    return interview_slots.publish_interview_slot(
        round=round,
        by=trainer,
        starts_at=at(8),
        duration_minutes=45,
        place="Raum <b>4</b>",
    )


def test_booking_makes_the_interview_with_that_interviewer_and_mails_both(
    client, slot, people, trainer
):
    mentor = people["mentor"]
    client.force_login(mentor)
    page = client.get(_url("portal:evaluation", slot.round)).content.decode()
    assert f'value="{slot.pk}"' in page
    assert "Raum <b>4</b>" not in page and "Raum &lt;b&gt;4&lt;/b&gt;" in page
    response = client.post(_url("portal:evaluation_interview_book", slot.round), {"slot": slot.pk})
    assert response.status_code == 302
    interview = Interview.objects.get(person=mentor)
    assert (interview.interviewer, interview.starts_at, interview.slot) == (
        trainer,
        slot.starts_at,
        slot,
    )
    # the participant is told the date; the interviewer who booked (own text, own link)
    told = QueuedMail.objects.get(template_key="evaluation_interview_planned")
    assert told.to == mentor.email and trainer.get_full_name() in told.body
    booked = QueuedMail.objects.get(template_key="evaluation_interview_booked")
    assert booked.to == trainer.email and mentor.get_full_name() in booked.subject
    assert f"/evaluation/interviews/{interview.pk}/" in booked.body
    # The participant's page links the calendar file, which holds the date.
    ics = client.get(_url("portal:evaluation_interview_ics", slot.round)).content
    assert b"BEGIN:VEVENT" in ics and slot.starts_at.strftime("%Y%m%d").encode() in ics


def test_a_slot_is_booked_once_and_a_person_books_once(slot, people, round, trainer):
    interview_slots.book_interview_slot(slot_id=slot.pk, round=round, person=people["mentor"])
    with pytest.raises(ValidationError, match="Someone else has just booked"):
        interview_slots.book_interview_slot(slot_id=slot.pk, round=round, person=people["mentee"])
    other = interview_slots.publish_interview_slot(
        round=round, by=trainer, starts_at=at(9), duration_minutes=45
    )
    with pytest.raises(ValidationError, match="already have an interview"):
        interview_slots.book_interview_slot(slot_id=other.pk, round=round, person=people["mentor"])


def test_cancel_frees_the_slot_and_another_may_be_booked(slot, people, round):
    mentor = people["mentor"]
    interview_slots.book_interview_slot(slot_id=slot.pk, round=round, person=mentor)
    cancelled = interview_slots.cancel_booked_interview(round=round, person=mentor)
    assert cancelled.status == InterviewStatus.CANCELLED and cancelled.slot is None
    told = QueuedMail.objects.get(template_key="evaluation_interview_cancelled")
    freed = QueuedMail.objects.get(template_key="evaluation_interview_booking_cancelled")
    assert told.to == mentor.email and freed.to == slot.interviewer.email
    assert mentor.get_full_name() in freed.body and "free again" in freed.body
    assert list(interview_slots.free_slots(round)) == [slot]
    again = interview_slots.book_interview_slot(slot_id=slot.pk, round=round, person=mentor)
    assert again.pk == cancelled.pk and again.status == InterviewStatus.PLANNED


def test_cancel_is_refused_inside_the_notice(slot, people, round, time_machine):
    interview_slots.book_interview_slot(slot_id=slot.pk, round=round, person=people["mentor"])
    time_machine.move_to(slot.starts_at - dt.timedelta(hours=2))
    with pytest.raises(ValidationError, match="24 hours ahead"):
        interview_slots.cancel_booked_interview(round=round, person=people["mentor"])


def test_outsiders_and_staff_cannot_book(client, slot, people):
    for role in ("outsider", "trainer", "coordinator"):
        if role not in people:
            continue
        client.force_login(people[role])
        url = _url("portal:evaluation_interview_book", slot.round)
        assert client.post(url, {"slot": slot.pk}).status_code == 404
    assert not Interview.objects.exists()


def test_overlapping_slot_is_refused_next_to_the_field(client, slot, trainer):
    client.force_login(trainer)
    url = _url("manage:evaluation_slots", slot.round)
    local = timezone.localtime(slot.starts_at, zone_of(trainer))
    data = {
        "interviewer": trainer.pk,
        "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": 30,
        "cancel_notice_hours": 24,
    }
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_starts_at_error"' in page and "already offer a slot" in page
    assert slot.round.interview_slots.count() == 1


def test_staff_remove_a_free_slot_but_not_a_booked_one(client, slot, people, round, trainer):
    other = interview_slots.publish_interview_slot(
        round=round, by=trainer, starts_at=at(9), duration_minutes=45
    )
    interview_slots.book_interview_slot(slot_id=slot.pk, round=round, person=people["mentor"])
    client.force_login(trainer)
    for target in (slot, other):
        client.post(_url("manage:evaluation_slot_remove", round, slot=target.pk))
    assert list(round.interview_slots.all()) == [slot]


def test_notes_of_a_booked_interview_stay_off_the_participants_pages(
    client, slot, people, round, trainer
):
    interview = interview_slots.book_interview_slot(
        slot_id=slot.pk, round=round, person=people["mentor"]
    )
    services.save_interview_notes(interview=interview, by=trainer, notes={"tandem": "Geheim-77"})
    client.force_login(people["mentor"])
    for name in ("portal:evaluation", "portal:evaluation_interview_ics"):
        assert b"Geheim-77" not in client.get(_url(name, round)).content
    client.force_login(trainer)
    assert b"Geheim-77" not in client.get(_url("manage:evaluation_slots", round)).content
    assert not QueuedMail.objects.filter(body__contains="Geheim-77").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_one_slot_booked_from_two_transactions_at_once(slot, people, round):
    barrier = threading.Barrier(2)
    results = {}

    def book(who):
        try:
            barrier.wait()
            interview_slots.book_interview_slot(slot_id=slot.pk, round=round, person=people[who])
            results[who] = "booked"
        except ValidationError as error:
            results[who] = error.messages[0]
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(who,)) for who in ("mentor", "mentee")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert list(results.values()).count("booked") == 1
    assert "Someone else has just booked" in [v for v in results.values() if v != "booked"][0]
    assert Interview.objects.filter(slot=slot).count() == 1
