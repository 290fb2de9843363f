"""The swap page: the mentors of any two draft pairs of a run, on whatever page they are.

The run page's swap form offers only the pairs of its page (a run of 2,000 pairs would put
thousands of options in its selects); this page reaches the others, paged and searched.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.manage.matching import review_views
from tandem.matching import services
from tests.conftest import DENIED_ROLES, manage_url
from tests.matching.test_background_runs import _add_pairs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(fast_passwords):
    pass


@pytest.fixture
def run(round, coordinator, matching_pool):
    # Minimum fit 0: every pair that keeps the hard rules may be swapped in.
    return services.run_matching(
        round=round, by=coordinator, settings=services.MatchSettings(min_fit=0)
    )


def pair_of(run, pool, name):
    return run.proposals.get(application=pool[name])


def radios(text: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'type="radio" name="second" value="(\d+)"', text)]


def test_two_pairs_on_different_pages_can_swap_their_mentors(
    client, run, coordinator, matching_pool, monkeypatch
):
    monkeypatch.setattr(review_views, "SWAP_PER_PAGE", 1)
    anna, bert = pair_of(run, matching_pool, "anna"), pair_of(run, matching_pool, "bert")
    client.force_login(coordinator)
    run_page = client.get(manage_url("matching_run", run.round, run=run.pk)).content.decode()
    url = manage_url("matching_swap", run.round, run=run.pk)
    assert f'href="{url}"' in run_page
    # step 1: the first pair, one per page here
    first_page = client.get(url).content.decode()
    assert first_page.count("?first=") == 1 and "Next page" in first_page
    # step 2: the other pairs, paged; bert's is on one of the pages
    pages = [client.get(url, {"first": anna.pk, "page": n}).content.decode() for n in (1, 2)]
    offered = [radios(page) for page in pages]
    assert all(len(choice) == 1 for choice in offered)
    assert anna.pk not in sum(offered, []) and bert.pk in sum(offered, [])
    page = offered.index([bert.pk]) + 1
    response = client.post(
        f"{url}?first={anna.pk}&page={page}",
        {"first": anna.pk, "second": bert.pk, "reason": "Kennen sich schon"},
    )
    assert response.status_code == 302
    anna.refresh_from_db()
    bert.refresh_from_db()
    assert anna.mentor_profile == matching_pool["funds"]
    assert bert.mentor_profile == matching_pool["monitoring"]
    assert anna.manual_reason == bert.manual_reason == "Kennen sich schon"


def test_a_refused_swap_stays_on_the_page_with_the_message_and_changes_nothing(
    client, run, coordinator, matching_pool
):
    anna, bert = pair_of(run, matching_pool, "anna"), pair_of(run, matching_pool, "bert")
    client.force_login(coordinator)
    url = manage_url("matching_swap", run.round, run=run.pk)
    response = client.post(
        f"{url}?first={anna.pk}", {"first": anna.pk, "second": bert.pk, "reason": ""}
    )
    text = response.content.decode()
    assert response.status_code == 400 and "Please give a reason" in text
    assert bert.pk in radios(text) and f'name="first" value="{anna.pk}"' in text
    response = client.post(f"{url}?first={anna.pk}", {"first": anna.pk, "reason": "x"})
    text = response.content.decode()
    assert response.status_code == 400 and "Please choose the two pairs" in text
    anna.refresh_from_db()
    assert anna.mentor_profile == matching_pool["monitoring"] and not anna.manual_reason


def test_the_search_finds_pairs_by_a_part_of_a_name(client, run, coordinator, matching_pool):
    anna, bert = pair_of(run, matching_pool, "anna"), pair_of(run, matching_pool, "bert")
    client.force_login(coordinator)
    url = manage_url("matching_swap", run.round, run=run.pk)
    mentee = bert.mentee.get_full_name()
    found = client.get(url, {"first": anna.pk, "q": mentee[:4].lower()}).content.decode()
    assert radios(found) == [bert.pk]
    none = client.get(url, {"first": anna.pk, "q": "<b>zz"}).content.decode()
    assert radios(none) == [] and "No other draft pair has this in a name." in none
    assert "<b>zz" not in none and "&lt;b&gt;zz" in none  # what was typed stays text
    first_step = client.get(url, {"q": mentee}).content.decode()
    assert f"?first={bert.pk}" in first_step and f"?first={anna.pk}" not in first_step


def test_a_first_pair_that_is_not_a_draft_of_the_run_is_not_found(
    client, run, coordinator, matching_pool
):
    anna = pair_of(run, matching_pool, "anna")
    client.force_login(coordinator)
    url = manage_url("matching_swap", run.round, run=run.pk)
    assert client.get(url, {"first": "x"}).status_code == 404
    assert client.get(url, {"first": anna.pk + 1000}).status_code == 404
    anna.status = "sent"
    anna.save(update_fields=["status"])
    assert client.get(url, {"first": anna.pk}).status_code == 404


def test_the_page_has_the_same_queries_however_many_pairs(
    client, run, coordinator, matching_pool, monkeypatch
):
    monkeypatch.setattr(review_views, "SWAP_PER_PAGE", 5)
    anna = pair_of(run, matching_pool, "anna")
    client.force_login(coordinator)
    url = manage_url("matching_swap", run.round, run=run.pk)
    client.get(url, {"first": anna.pk})  # warm up

    def shown():
        with CaptureQueriesContext(connection) as captured:
            text = client.get(url, {"first": anna.pk}).content.decode()
        return len(captured), len(radios(text))

    _add_pairs(run, 6)
    few = shown()
    _add_pairs(run, 30)
    many = shown()
    assert few == many and few[1] == 5


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_nobody_else_opens_the_swap_page(client, run, people, matching_pool, role):
    anna = pair_of(run, matching_pool, "anna")
    client.force_login(people[role])
    url = manage_url("matching_swap", run.round, run=run.pk)
    assert client.get(url).status_code == 404
    assert client.get(url, {"first": anna.pk}).status_code == 404
