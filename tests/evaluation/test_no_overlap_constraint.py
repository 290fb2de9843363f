"""One interviewer never offers two things at once: interview slots overlap neither each
other (on PostgreSQL also by an exclusion constraint) nor the person's consultation slots."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from tandem.evaluation import interview_slots
from tandem.evaluation.models import InterviewSlot
from tandem.training import consultations

from .conftest import at

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints exist on PostgreSQL only"
)


def _publish_interview(round, trainer, starts_at, minutes=45):
    return interview_slots.publish_interview_slot(
        round=round, by=trainer, starts_at=starts_at, duration_minutes=minutes
    )


def _publish_consultation(round, trainer, starts_at, minutes=45):
    return consultations.publish_slots(
        round=round, trainer=trainer, starts_at=starts_at, duration_minutes=minutes
    )


def test_an_interview_slot_over_a_consultation_slot_is_refused_and_vice_versa(round, trainer):
    _publish_consultation(round, trainer, at(8))
    with pytest.raises(ValidationError) as error:
        _publish_interview(round, trainer, at(8) + dt.timedelta(minutes=30))
    assert "You already offer a slot at this time" in str(error.value.message_dict["starts_at"])
    interview = _publish_interview(round, trainer, at(8) + dt.timedelta(minutes=45))  # adjacent
    with pytest.raises(ValidationError) as error:
        _publish_consultation(round, trainer, interview.starts_at - dt.timedelta(minutes=15))
    assert "starts_at" in error.value.message_dict
    assert InterviewSlot.objects.count() == 1


def test_another_persons_slots_do_not_count(round, trainer, people):
    _publish_consultation(round, trainer, at(8))
    coordinator = people["coordinator"]
    slot = _publish_interview(round, coordinator, at(8))
    assert slot.interviewer == coordinator


@on_postgres
def test_overlapping_interview_slots_are_refused_by_the_database(round, trainer):
    slot = _publish_interview(round, trainer, at(8))
    with pytest.raises(IntegrityError), transaction.atomic():
        InterviewSlot.objects.create(
            round=round,
            interviewer=trainer,
            starts_at=slot.starts_at + dt.timedelta(minutes=30),
            duration_minutes=30,
        )
    InterviewSlot.objects.create(
        round=round,
        interviewer=trainer,
        starts_at=slot.ends_at,
        duration_minutes=30,
    )
    assert InterviewSlot.objects.count() == 2


@on_postgres
def test_the_service_turns_the_refusal_into_a_message(round, trainer, monkeypatch):
    slot = _publish_interview(round, trainer, at(8))
    monkeypatch.setattr(interview_slots.slots, "refuse_clashes", lambda *args, **kwargs: None)
    with pytest.raises(ValidationError) as error:
        _publish_interview(round, trainer, slot.starts_at + dt.timedelta(minutes=15))
    assert "starts_at" in error.value.message_dict
