"""Row locks on PostgreSQL: an answer and the reminder job, and two overdue decisions, each
from its own transaction at the same moment (as tests/training/test_concurrency.py)."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from tandem.matching import consent, services
from tandem.matching.models import Proposal

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks across connections need PostgreSQL"
    ),
]


def together(*calls):
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(function):
        try:
            barrier.wait()
            function()
        except Exception as error:  # noqa: BLE001 - reported to the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.fixture
def proposal(round, coordinator, matching_pool, fast_passwords):
    run = services.run_matching(round=round, by=coordinator, settings=services.MatchSettings())
    services.send_proposals(
        run=run, answer_by=timezone.localdate() + dt.timedelta(days=2), by=coordinator
    )
    return run.proposals.order_by("pk").first()


def test_an_answer_and_a_reminder_at_once_both_stay(proposal):
    errors = together(
        lambda: services.answer_proposal(
            proposal=proposal, person=proposal.mentee, answer="accept"
        ),
        lambda: consent.remind_unanswered(),
    )
    assert errors == []
    stored = Proposal.objects.get(pk=proposal.pk)
    assert stored.mentee_answer == "accept" and stored.mentor_reminded_on is not None


def test_two_decisions_at_once_change_the_proposal_once(round, coordinator, proposal):
    Proposal.objects.filter(round=round).update(
        answer_by=timezone.localdate() - dt.timedelta(days=1)
    )
    changed = []
    errors = together(
        lambda: changed.append(
            consent.resolve_overdue(
                round=round,
                choice="extend",
                new_date=timezone.localdate() + dt.timedelta(days=5),
                by=coordinator,
            )
        ),
        lambda: changed.append(
            consent.resolve_overdue(round=round, choice="lapse", by=coordinator)
        ),
    )
    assert errors == []
    assert sum(changed) == Proposal.objects.filter(round=round).count()
