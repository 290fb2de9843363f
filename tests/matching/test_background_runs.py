"""Match runs in the background (issue 15): progress, cancel, no worker, order, paging."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem.manage.matching import views
from tandem.matching import selectors, services
from tandem.matching.enums import ProposalStatus, RunStatus
from tandem.matching.models import MatchRun, Proposal
from tests.applications.factories import ApplicationFactory
from tests.conftest import manage_url
from tests.factories import UserFactory
from tests.recruitment.factories import MentorProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

S = services.MatchSettings


def started(round, coordinator) -> MatchRun:
    """A run that waits for the worker (nothing enqueued: no worker in this test)."""
    return services.start_run(round=round, by=coordinator, settings=S(), enqueue=False)


def test_a_started_run_waits_with_a_progress_bar_reload_link_and_cancel(
    client, round, coordinator, matching_pool
):
    run = started(round, coordinator)
    assert run.status == RunStatus.QUEUED and run.number == 1 and not run.proposals.exists()
    client.force_login(coordinator)
    text = client.get(manage_url("matching_run", round, run=run.pk)).content.decode()
    assert "Waiting for the background worker." in text
    assert 'hx-get="' + manage_url("matching_progress", round, run=run.pk) + '"' in text
    assert 'hx-trigger="every 2s"' in text
    # without JavaScript: a plain link reloads the page
    assert f'href="{manage_url("matching_run", round, run=run.pk)}"' in text
    assert "Reload to see the progress" in text
    assert manage_url("matching_cancel", round, run=run.pk) in text
    assert "Computing fit scores" in text  # the phases are named
    assert "no background worker has taken it up" not in text  # not yet


def test_a_run_nobody_takes_up_says_the_worker_may_not_run(
    client, round, coordinator, matching_pool
):
    run = started(round, coordinator)
    MatchRun.objects.filter(pk=run.pk).update(
        created_at=timezone.now() - dt.timedelta(seconds=selectors.WORKER_MISSING_AFTER + 5)
    )
    client.force_login(coordinator)
    response = client.get(manage_url("matching_progress", round, run=run.pk))
    text = response.content.decode()
    assert response.status_code == 200
    assert "no background worker has taken it up" in text and "manage.py run_worker" in text


def test_the_worker_computes_the_run_and_the_poll_asks_for_a_reload(
    client, round, coordinator, matching_pool
):
    run = started(round, coordinator)
    services.compute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.progress == 100 and run.summary["pairs"] == 2
    assert run.started_at and run.finished_at
    client.force_login(coordinator)
    url = manage_url("matching_progress", round, run=run.pk)
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.headers.get("HX-Refresh") == "true"
    text = client.get(manage_url("matching_run", round, run=run.pk)).content.decode()
    assert "Anna Adler" in text and "Waiting for the background worker" not in text


def test_cancel_before_the_worker_starts(client, round, coordinator, matching_pool):
    run = started(round, coordinator)
    client.force_login(coordinator)
    response = client.post(manage_url("matching_cancel", round, run=run.pk))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED
    services.compute_run(run.pk)  # the worker comes later: it does nothing
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED and not run.proposals.exists()
    text = client.get(manage_url("matching_run", round, run=run.pk)).content.decode()
    assert "This run was cancelled." in text
    # cancelling again only says it is over
    client.post(manage_url("matching_cancel", round, run=run.pk))
    assert MatchRun.objects.get(pk=run.pk).status == RunStatus.CANCELLED


def test_cancel_while_computing_stops_at_the_next_progress_report(
    round, coordinator, matching_pool, monkeypatch
):
    run = started(round, coordinator)
    real = services.compute_fit

    def fit_then_cancel(*args, **kwargs):
        fit = real(*args, **kwargs)
        services.cancel_run(run=run, by=coordinator)
        return fit

    monkeypatch.setattr(services, "compute_fit", fit_then_cancel)
    services.compute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED
    assert not Proposal.objects.exists()


def test_progress_reports_phases_in_order(round, coordinator, matching_pool, monkeypatch):
    run = started(round, coordinator)
    seen = []
    real = services._Progress.__call__

    def spy(self, phase, share=0.0, force=False):
        real(self, phase, share, force=True)
        seen.append((phase, MatchRun.objects.get(pk=run.pk).progress))

    monkeypatch.setattr(services._Progress, "__call__", spy)
    services.compute_run(run.pk)
    phases = list(dict.fromkeys(phase for phase, _ in seen))
    assert phases == ["inputs", "fit", "solve", "explain", "save"]
    percents = [p for _, p in seen]
    assert percents == sorted(percents) and percents[-1] < 100
    assert MatchRun.objects.get(pk=run.pk).progress == 100


def test_two_runs_started_at_once_are_two_runs_and_the_later_one_counts(
    round, coordinator, matching_pool
):
    other = UserFactory()
    first = started(round, coordinator)
    second = started(round, other)
    assert (first.number, second.number) == (1, 2)
    # the later run finishes first; the earlier one, finishing after it, does not replace it
    services.compute_run(second.pk)
    services.compute_run(first.pk)
    assert selectors.latest_run(round).pk == second.pk
    assert set(first.proposals.values_list("status", flat=True)) == {ProposalStatus.SUPERSEDED}
    assert set(second.proposals.values_list("status", flat=True)) == {ProposalStatus.DRAFT}


def test_sending_while_a_run_computes_fails_that_run(round, coordinator, matching_pool):
    done = services.run_matching(round=round, by=coordinator, settings=S())
    later = started(round, coordinator)
    services.send_proposals(
        run=done, answer_by=timezone.localdate() + dt.timedelta(days=7), by=coordinator
    )
    # as if sent after the worker had read the held pairs (while it computed)
    Proposal.objects.filter(run=done).update(sent_at=timezone.now() + dt.timedelta(minutes=1))
    services.compute_run(later.pk)
    later.refresh_from_db()
    assert later.status == RunStatus.FAILED and "were sent while" in later.error
    assert not later.proposals.exists()


def _add_pairs(run, count):
    for k in range(count):
        profile = MentorProfileFactory(round=run.round, person=UserFactory(name=f"Mentor {k}"))
        application = ApplicationFactory(round=run.round, person=UserFactory(name=f"Mentee {k}"))
        Proposal.objects.create(
            run=run,
            round=run.round,
            application=application,
            mentor_profile=profile,
            score=0.5,
            components={"topic": 0.5},
            explanation={"shared_topics": [], "runner_up_profile": profile.pk},
        )


def test_the_run_page_is_paged_with_a_fixed_number_of_queries(
    client, round, coordinator, matching_pool, monkeypatch
):
    monkeypatch.setattr(views, "PAIRS_PER_PAGE", 3)
    run = services.run_matching(round=round, by=coordinator, settings=S())
    client.force_login(coordinator)
    url = manage_url("matching_run", round, run=run.pk)
    client.get(url)  # warm up (session, caches)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    _add_pairs(run, 2)
    some = queries()
    _add_pairs(run, 6)
    many = queries()
    assert few == some == many
    text = client.get(url + "?page=3").content.decode()
    assert "Showing 7–9 of 10" in text


def _add_left_out(run, count: int) -> None:
    from tandem.matching.engine import CAPACITY  # noqa: PLC0415

    unplaced = run.summary.setdefault("unplaced", [])
    for k in range(count):
        application = ApplicationFactory(round=run.round, person=UserFactory(name=f"Left {k}"))
        unplaced.append({"application": application.pk, "reason": CAPACITY, "params": {}})
    MatchRun.objects.filter(pk=run.pk).update(summary=run.summary)


def test_the_left_out_applicants_are_paged_with_a_fixed_number_of_queries(
    client, round, coordinator, matching_pool, monkeypatch
):
    monkeypatch.setattr(views, "LEFT_OUT_PER_PAGE", 3)
    run = services.run_matching(round=round, by=coordinator, settings=S())
    client.force_login(coordinator)
    url = manage_url("matching_run", round, run=run.pk)
    client.get(url)  # warm up (session, caches)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _add_left_out(run, 4)
    some = queries()
    _add_left_out(run, 9)
    many = queries()
    assert some == many
    total = len(run.summary["unplaced"])
    text = client.get(url + "?left=2").content.decode()
    assert f"Showing 4–6 of {total}" in text
    from tandem.applications.models import Application  # noqa: PLC0415

    for item in run.summary["unplaced"][3:6]:  # the second page, in the run's order
        assert str(Application.objects.get(pk=item["application"]).person) in text
    assert f'<dd class="col-sm-5">{total}</dd>' in text
    assert 'href="?left=3"' in text  # the pages of the left-out list have their own number


def _swap_options(text: str) -> int:
    form = text.split('id="swap"', 1)[1].split("</form>", 1)[0]
    return len(re.findall(r'<option value="\d+"', form))  # pairs, not the empty choice


def test_the_swap_lists_offer_the_pairs_of_the_page_and_queries_stay_the_same(
    client, round, coordinator, matching_pool, monkeypatch
):
    monkeypatch.setattr(views, "PAIRS_PER_PAGE", 3)
    run = services.run_matching(round=round, by=coordinator, settings=S())
    client.force_login(coordinator)
    url = manage_url("matching_run", round, run=run.pk)
    client.get(url)  # warm up (session, caches)

    def shown() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), _swap_options(response.content.decode())

    _add_pairs(run, 2)
    some_queries, some_options = shown()
    _add_pairs(run, 20)
    many_queries, many_options = shown()
    assert some_queries == many_queries
    # two selects, each with the page's three draft pairs: not the run's 24
    assert some_options == many_options == 2 * 3
    # a swap of two pairs on the second page re-renders that page when it is refused
    second = list(selectors.run_proposals(run)[3:5])
    response = client.post(
        manage_url("matching_swap", round, run=run.pk) + "?page=2",
        {"first": second[0].pk, "second": second[1].pk, "reason": ""},
    )
    text = response.content.decode()
    assert response.status_code == 400 and "Please give a reason" in text
    assert _swap_options(text) == 2 * 3 and f'<option value="{second[0].pk}" selected' in text
