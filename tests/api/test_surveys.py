"""Survey aggregates in the API: what the results page shows, by the same function."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.programmes.enums import RoleKind
from tandem.surveys import services
from tandem.surveys.results import survey_results
from tests.factories import RoundFactory
from tests.surveys.conftest import add_participants, answer

from .helpers import bearer, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(fast_passwords):
    pass


@pytest.fixture
def cohort(round, people):
    """5 mentors, 3 mentees: mentors may be split off, mentees not (k = 3 would allow it,
    but all minus mentors would then isolate 3 — the rule decides, not this test)."""
    mentors = [people["mentor"], *add_participants(round, RoleKind.MENTOR, 4)]
    mentees = [people["mentee"], *add_participants(round, RoleKind.MENTEE, 2)]
    return mentors, mentees


@pytest.fixture
def closed(round, people, cohort):
    coordinator = people["coordinator"]
    survey = services.create_survey(round=round, template_key="final", by=coordinator)
    services.open_survey(survey=survey, by=coordinator)
    mentors, mentees = cohort
    for index, person in enumerate(mentors + mentees):
        values = {"fit": 3 + index % 3}
        if index < 5:
            values["suggestions"] = f"Vorschlag {index}"  # five texts: k = 5 reached
        if index < 2:
            values["useful"] = 4  # two answers: below k, nothing shown
        answer(survey, person, **values)
    services.close_survey(survey=survey, by=coordinator)
    survey.refresh_from_db()
    return survey


def results_url(round, survey) -> str:
    return f"/api/v1/rounds/{round.pk}/surveys/{survey.pk}/results"


def test_the_results_are_the_pages_results(client, round, people, closed):
    headers = bearer(token_for(people["coordinator"], round=round))
    body = client.get(results_url(round, closed) + "?language=en", **headers).json()
    page = survey_results(closed, "en")
    assert (body["k"], body["respondents"], body["invited"]) == (5, 8, page.invited)
    assert body["title"] == "Final survey" and body["language"] == "en"
    by_key = {question["key"]: question for question in body["questions"]}
    assert list(by_key) == [question.key for question in page.questions]
    for question in page.questions:
        got = by_key[question.key]
        assert (got["shown"], got["n"], got["text"], got["note"]) == (
            question.shown,
            question.n,
            question.text,
            question.note,
        )
        assert [
            (a["group"], a["n"], [(c["key"], c["label"], c["count"]) for c in a["counts"]])
            for a in got["aggregates"]
        ] == [(a.group, a.n, [tuple(c) for c in a.counts]) for a in question.aggregates]
        assert sorted(got["texts"]) == sorted(question.texts)
    fit, useful = by_key["fit"], by_key["useful"]
    assert [a["group"] for a in fit["aggregates"]] == ["all"]  # 5 + 3: no split under k
    assert fit["aggregates"][0]["top_two"] == pytest.approx(
        next(a for a in page.questions if a.key == "fit").aggregates[0].top_two
    )
    assert useful["shown"] is False and useful["aggregates"] == []
    assert sorted(by_key["suggestions"]["texts"]) == [f"Vorschlag {i}" for i in range(5)]
    assert "mean" not in fit["aggregates"][0]  # the page does not show it either


def test_german_labels_on_request_and_by_the_persons_language(client, round, people, closed):
    people["trainer"].language = "de"
    people["trainer"].save(update_fields=["language"])
    headers = bearer(token_for(people["trainer"], round=round))
    body = client.get(results_url(round, closed), **headers).json()
    assert body["title"] == "Abschlussbefragung" and body["language"] == "de"
    useful = next(q for q in body["questions"] if q["key"] == "useful")
    assert useful["note"].startswith("Weniger als")
    english = client.get(results_url(round, closed) + "?language=en", **headers).json()
    assert english["title"] == "Final survey"
    assert client.get(results_url(round, closed) + "?language=fr", **headers).status_code == 422


def test_only_closed_surveys_have_results_and_others_rounds_are_404(
    client, round, people, closed, cohort
):
    coordinator = people["coordinator"]
    headers = bearer(token_for(coordinator, round=round))
    still_open = services.create_survey(round=round, template_key="midterm", by=coordinator)
    services.open_survey(survey=still_open, by=coordinator)
    draft = services.create_survey(round=round, template_key="midterm", by=coordinator)
    for survey in (still_open, draft):
        response = client.get(results_url(round, survey), **headers)
        assert response.status_code == 404 and response.json() == {"detail": "Not found."}
    listed = client.get(f"/api/v1/rounds/{round.pk}/surveys", **headers).json()
    assert [(s["id"], s["state"], s["results_published"]) for s in listed["items"]] == [
        (closed.pk, "closed", True),
        (still_open.pk, "open", False),
        (draft.pk, "draft", False),
    ]
    first = listed["items"][0]
    assert (first["invited"], first["answered"], first["title_de"]) == (
        8,
        8,
        "Abschlussbefragung",
    )
    assert "who" not in str(sorted(first))  # counts only, no list of people
    other = RoundFactory(programme=round.programme)
    wrong_round = client.get(f"/api/v1/rounds/{other.pk}/surveys/{closed.pk}/results", **headers)
    assert wrong_round.status_code == 404
    for role in ("mentor", "mentee"):
        participant = bearer(token_for(people[role], round=round))
        assert client.get(results_url(round, closed), **participant).status_code == 404
        assert client.get(f"/api/v1/rounds/{round.pk}/surveys", **participant).status_code == 404


def queries(client, url, headers) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return len(captured)


def test_survey_reads_take_a_fixed_number_of_queries(client, round, people, closed, cohort):
    coordinator = people["coordinator"]
    headers = bearer(token_for(coordinator, round=round))
    list_url = f"/api/v1/rounds/{round.pk}/surveys"
    client.get(list_url, **headers)  # notes the token's use (once a minute): not counted
    few = (queries(client, list_url, headers), queries(client, results_url(round, closed), headers))
    bigger = services.create_survey(round=round, template_key="final", by=coordinator)
    services.open_survey(survey=bigger, by=coordinator)
    for person in add_participants(round, RoleKind.MENTEE, 6):
        services.send_reminders(survey=bigger, by=coordinator)  # invites the newcomer
        answer(bigger, person, fit=4, suggestions="Mehr Zeit")
    services.close_survey(survey=bigger, by=coordinator)
    for _ in range(3):
        services.create_survey(round=round, template_key="midterm", by=coordinator)
    many = (
        queries(client, list_url, headers),
        queries(client, results_url(round, bigger), headers),
    )
    assert many == few
