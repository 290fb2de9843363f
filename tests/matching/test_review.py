"""Reviewing a run: swapping two pairs' mentors, and the score matrix (applicants × mentors)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.audit.models import AuditEntry
from tandem.matching import review, services
from tandem.matching.enums import PairRuleKind
from tandem.matching.models import PairRule, Proposal
from tests.conftest import DENIED_ROLES, manage_url

pytestmark = pytest.mark.django_db
S = services.MatchSettings


@pytest.fixture(autouse=True)
def _fast(fast_passwords):
    pass


@pytest.fixture
def run(round, coordinator, matching_pool):
    # Minimum fit 0: every pair that keeps the hard rules may be swapped in.
    return services.run_matching(round=round, by=coordinator, settings=S(min_fit=0))


def proposal_of(run, pool, name):
    return run.proposals.get(application=pool[name])


def test_a_swap_gives_each_pair_the_others_mentor_with_a_new_fit(run, coordinator, matching_pool):
    anna, bert = proposal_of(run, matching_pool, "anna"), proposal_of(run, matching_pool, "bert")
    old = {anna.pk: anna.score, bert.pk: bert.score}
    review.swap_mentors(
        run=run, first=anna, second=bert, reason="Kennen sich schon", by=coordinator
    )
    anna.refresh_from_db()
    bert.refresh_from_db()
    assert anna.mentor_profile == matching_pool["funds"]
    assert bert.mentor_profile == matching_pool["monitoring"]
    assert anna.manual_reason == bert.manual_reason == "Kennen sich schon"
    # The fit is that of the new pair: lower, as the run had chosen the best total.
    assert anna.score + bert.score < old[anna.pk] + old[bert.pk]
    assert set(anna.components) == {"topic", "text", "context", "preference"}
    entry = AuditEntry.objects.get(action="matching.mentors_swapped")
    assert entry.actor == coordinator and entry.data["reason"] == "Kennen sich schon"


def test_a_swap_that_breaks_a_rule_is_refused_and_changes_nothing(run, coordinator, matching_pool):
    anna, bert = proposal_of(run, matching_pool, "anna"), proposal_of(run, matching_pool, "bert")
    bert.application.institution = matching_pool["monitoring"].person.institution
    bert.application.save()
    with pytest.raises(ValidationError) as error:
        review.swap_mentors(run=run, first=anna, second=bert, reason="Test", by=coordinator)
    assert "same institution" in error.value.messages[0]
    anna.refresh_from_db()
    assert anna.mentor_profile == matching_pool["monitoring"] and not anna.manual_reason


def test_excluded_pinned_sent_and_reasonless_swaps_are_refused(run, coordinator, matching_pool):
    anna, bert = proposal_of(run, matching_pool, "anna"), proposal_of(run, matching_pool, "bert")
    with pytest.raises(ValidationError):
        review.swap_mentors(run=run, first=anna, second=bert, reason=" ", by=coordinator)
    rule = PairRule.objects.create(
        round=run.round,
        application=anna.application,
        mentor_profile=matching_pool["funds"],
        kind=PairRuleKind.EXCLUDE,
        reason="nein",
    )
    with pytest.raises(ValidationError, match="excluded"):
        review.swap_mentors(run=run, first=anna, second=bert, reason="x", by=coordinator)
    rule.kind, rule.mentor_profile = PairRuleKind.PIN, matching_pool["monitoring"]
    rule.save()
    with pytest.raises(ValidationError, match="pinned"):
        review.swap_mentors(run=run, first=anna, second=bert, reason="x", by=coordinator)
    rule.delete()
    services.send_proposals(
        run=run, answer_by=timezone.localdate() + dt.timedelta(days=7), by=coordinator
    )
    with pytest.raises(ValidationError, match="not sent yet"):
        review.swap_mentors(run=run, first=anna, second=bert, reason="x", by=coordinator)
    assert not Proposal.objects.exclude(manual_reason="").exists()


def test_the_run_page_offers_the_swap_and_shows_it_as_a_manual_change(
    client, run, coordinator, matching_pool
):
    anna, bert = proposal_of(run, matching_pool, "anna"), proposal_of(run, matching_pool, "bert")
    client.force_login(coordinator)
    page = client.get(manage_url("matching_run", run.round, run=run.pk)).content.decode()
    assert "Swap the mentors of two pairs" in page
    url = manage_url("matching_swap", run.round, run=run.pk)
    response = client.post(url, {"first": anna.pk, "second": bert.pk, "reason": ""})
    assert response.status_code == 400 and "Please give a reason" in response.content.decode()
    response = client.post(url, {"first": anna.pk, "second": "²", "reason": "x"})
    assert response.status_code == 400
    response = client.post(url, {"first": anna.pk, "second": anna.pk, "reason": "x"})
    assert response.status_code == 400
    response = client.post(url, {"first": anna.pk, "second": bert.pk, "reason": "Wunsch"})
    assert response.status_code == 302
    page = client.get(manage_url("matching_run", run.round, run=run.pk)).content.decode()
    assert "manual change" in page and "Wunsch" in page


def test_the_score_matrix_shows_every_pair_and_components_on_demand(
    client, run, coordinator, matching_pool
):
    matrix = review.score_matrix(run)
    assert len(matrix.rows) == 3 and len(matrix.profiles) == 2
    anna_row = next(r for r in matrix.rows if r.application == matching_pool["anna"])
    proposed = [c for c in anna_row.cells if c.proposed]
    assert [c.mentor_profile for c in proposed] == [matching_pool["monitoring"].pk]
    client.force_login(coordinator)
    url = manage_url("matching_matrix", run.round, run=run.pk)
    page = client.get(url).content.decode()
    assert "Carl Clausen" in page and "Fritz Fonds" in page
    assert "Texts" not in page.split("<table")[0]  # components only on demand
    cell = f"{matching_pool['anna'].pk}-{matching_pool['monitoring'].pk}"
    page = client.get(url, {"cell": cell}).content.decode()
    assert "Texts" in page and "may be proposed" in page
    assert client.get(url, {"cell": "x-²"}).status_code == 200


def test_the_matrix_marks_pairs_the_rules_forbid(run, matching_pool):
    matching_pool["anna"].institution = matching_pool["funds"].person.institution
    matching_pool["anna"].save()
    matrix = review.score_matrix(run)
    anna_row = next(r for r in matrix.rows if r.application == matching_pool["anna"])
    fund_cell = next(c for c in anna_row.cells if c.mentor_profile == matching_pool["funds"].pk)
    assert not fund_cell.allowed and fund_cell.blocked_by == ["institution"]


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_nobody_else_sees_the_matrix_or_swaps(client, run, people, matching_pool, role):
    anna, bert = proposal_of(run, matching_pool, "anna"), proposal_of(run, matching_pool, "bert")
    client.force_login(people[role])
    assert client.get(manage_url("matching_matrix", run.round, run=run.pk)).status_code == 404
    url = manage_url("matching_swap", run.round, run=run.pk)
    response = client.post(url, {"first": anna.pk, "second": bert.pk, "reason": "x"})
    assert response.status_code == 404
    anna.refresh_from_db()
    assert anna.mentor_profile == matching_pool["monitoring"]
