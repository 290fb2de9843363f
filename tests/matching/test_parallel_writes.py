"""Parallel match runs, candidate adds and role assignments (issue 8: IntegrityError on
PostgreSQL). On PostgreSQL two threads really write at once; on SQLite, whose test
database serialises writers, the race is replayed: the other request's row appears
between the service's check and its insert."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.models.query import QuerySet

from tandem.matching import services as matching
from tandem.matching.models import MatchRun
from tandem.programmes import services as programmes
from tandem.programmes.models import RoundRole
from tandem.recruitment import services as recruitment
from tandem.recruitment.models import Candidate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
POSTGRES = connection.vendor == "postgresql"


def at_once(*calls):
    """Run the calls in threads that start together; return results or exceptions."""
    start = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            start.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the test looks at it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def first_check_misses(monkeypatch):
    """The service's duplicate check reads before the other request's row is committed:
    its first read of the model finds nothing, although the row is there."""

    def stale(model):
        pending = [True]
        real_exists, real_fetch_all = QuerySet.exists, QuerySet._fetch_all

        def exists(self):
            if self.model is model and pending:
                pending.pop()
                return False
            return real_exists(self)

        def fetch_all(self):
            if self.model is model and pending and self._result_cache is None:
                pending.pop()
                self._result_cache = []
            real_fetch_all(self)

        monkeypatch.setattr(QuerySet, "exists", exists)
        monkeypatch.setattr(QuerySet, "_fetch_all", fetch_all)

    return stale


def replayed(call):
    """The other request has won; this one now runs with a check that misses it."""
    try:
        return [None, call()]
    except Exception as error:  # noqa: BLE001 - the test looks at it
        return [None, error]


def one_success_and_a_clear_message(results, message):
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1, results
    assert isinstance(errors[0], ValidationError), repr(errors[0])
    assert message in str(errors[0])


def test_adding_one_candidate_twice_at_once_gives_a_message_not_an_error(
    round, coordinator, first_check_misses
):
    def add():
        return recruitment.add_candidate(
            round=round, name="Eva Brandt", email="eva@example.org", by=coordinator
        )

    if POSTGRES:
        results = at_once(add, add)
    else:
        add()
        first_check_misses(Candidate)
        results = replayed(add)
    one_success_and_a_clear_message(results, "already on the candidate list")
    assert Candidate.objects.filter(round=round).count() == 1


def test_giving_one_role_twice_at_once_gives_a_message_not_an_error(
    round, coordinator, first_check_misses
):
    person = UserFactory()

    def assign():
        return programmes.assign_role(round=round, person=person, role="trainer", by=coordinator)

    if POSTGRES:
        results = at_once(assign, assign)
    else:
        assign()
        first_check_misses(RoundRole)
        results = replayed(assign)
    one_success_and_a_clear_message(results, "already has this role")
    assert RoundRole.objects.filter(round=round, person=person).count() == 1


@pytest.mark.skipif(
    not POSTGRES, reason="SQLite: in tests/matching/test_concurrency.py (file database)"
)
def test_two_match_runs_at_once_are_both_kept_with_their_own_numbers(
    round, coordinator, matching_pool
):
    def run():
        return matching.run_matching(round=round, by=coordinator, settings=matching.MatchSettings())

    results = at_once(run, run)
    assert all(isinstance(r, MatchRun) for r in results), results
    assert sorted(MatchRun.objects.filter(round=round).values_list("number", flat=True)) == [1, 2]
    # Only the later run's proposals are drafts; the earlier ones were superseded.
    latest = MatchRun.objects.get(round=round, number=2)
    assert set(round.proposals.filter(status="draft").values_list("run", flat=True)) == {latest.pk}
