"""The database itself keeps one trainer's slots from overlapping (PostgreSQL).

Slots written past the booking service (another code path, a script, the admin) still
cannot overlap; the service turns the refusal into a message on the field.
"""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from tandem.training import consultations
from tandem.training.models import ConsultationSlot

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints exist on PostgreSQL only"
)


def test_a_slot_keeps_its_end(slot):
    assert slot.ends_at == slot.starts_at + dt.timedelta(minutes=45)
    slot.duration_minutes = 60
    slot.save(update_fields=["duration_minutes"])
    slot.refresh_from_db()
    assert slot.ends_at == slot.starts_at + dt.timedelta(minutes=60)


@on_postgres
def test_overlapping_slots_of_one_trainer_are_refused_by_the_database(slot):
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationSlot.objects.create(
            round=slot.round,
            trainer=slot.trainer,
            starts_at=slot.starts_at + dt.timedelta(minutes=30),
            duration_minutes=30,
        )


@on_postgres
def test_adjacent_slots_and_other_trainers_are_fine(slot, people):
    ConsultationSlot.objects.create(
        round=slot.round, trainer=slot.trainer, starts_at=slot.ends_at, duration_minutes=30
    )
    ConsultationSlot.objects.create(
        round=slot.round, trainer=people["mentor"], starts_at=slot.starts_at, duration_minutes=45
    )
    assert ConsultationSlot.objects.count() == 3


@on_postgres
def test_the_service_turns_the_refusal_into_a_message(slot, monkeypatch):
    # The overlap check is what a second code path would lack; without it, the
    # constraint answers and the person reads a message, not an error page.
    monkeypatch.setattr(consultations.slots, "refuse_clashes", lambda *args, **kwargs: None)
    with pytest.raises(ValidationError) as error:
        consultations.publish_slots(
            round=slot.round,
            trainer=slot.trainer,
            starts_at=slot.starts_at + dt.timedelta(minutes=15),
            duration_minutes=30,
        )
    assert "already offer a slot" in error.value.message_dict["starts_at"][0]
    assert ConsultationSlot.objects.count() == 1


def test_the_slot_migrations_go_back_and_forth_on_sqlite(tmp_path):
    # The exclusion constraints are PostgreSQL's; on SQLite their migrations do nothing,
    # on the way back too (an extension operation asked PostgreSQL's catalogue there).
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'back.sqlite3'}"}
    manage = [sys.executable, "manage.py"]
    for step in (["migrate"], ["migrate", "training", "0001"], ["migrate"]):
        subprocess.run([*manage, *step, "-v0"], check=True, env=env, cwd=repo)
