"""Two people book the last slot at the same moment: exactly one gets it (PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tandem.training import consultations
from tandem.training.models import ConsultationBooking

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks across connections need PostgreSQL"
    ),
]


def test_the_last_slot_booked_from_two_transactions_at_once(slot, people):
    barrier = threading.Barrier(2)
    results = {}

    def book(who):
        try:
            barrier.wait()
            consultations.book_consultation(slot=slot, person=people[who])
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
    assert ConsultationBooking.objects.count() == 1
