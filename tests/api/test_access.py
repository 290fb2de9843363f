"""Every API operation for every role, with tokens scoped as the person may scope them.

The same people and records as the page access table (tests/url_scenario.py); the API's
answers must follow the same permissions: 200 where the page opens, 404 elsewhere.
"""

import datetime as dt

import pytest
from django.utils import timezone

from tandem.api.models import ApiToken
from tandem.programmes.models import Organisation, Round
from tandem.training.models import TrainingSession
from tests.url_scenario import build

from .helpers import bearer, token_for

pytestmark = pytest.mark.django_db

STAFF = {"org_coordinator", "coordinator"}
READERS = STAFF | {"trainer"}
ROUND = READERS | {"mentor", "mentee"}
ROLES = ("org_coordinator", "coordinator", "trainer", "mentor", "mentee", "other_round")

# path (with {round}, {pk}, {run}, {session}) → roles that get 200; everyone else 404.
READS = {
    "/api/v1/rounds/{round}": ROUND,
    "/api/v1/rounds/{round}/topics": ROUND,
    "/api/v1/rounds/{round}/mentor-profiles": ROUND,
    "/api/v1/rounds/{round}/applications": READERS,
    "/api/v1/rounds/{round}/applications/{pk}": READERS,
    "/api/v1/rounds/{round}/match-runs": STAFF,
    "/api/v1/rounds/{round}/match-runs/{run}/proposals": STAFF,
    "/api/v1/rounds/{round}/tandems": STAFF,
    "/api/v1/rounds/{round}/trainings": ROUND,
    "/api/v1/rounds/{round}/trainings/{session}": READERS | {"mentor"},
    "/api/v1/rounds/{round}/surveys": READERS,
    "/api/v1/rounds/{round}/surveys/{survey}/results": READERS,
}


@pytest.fixture
def scenario(fast_passwords):
    people, values = build()
    round = Round.objects.get(
        slug=values["round"],
        programme__slug=values["programme"],
        programme__organisation__slug=values["org"],
    )
    other = Round.objects.exclude(pk=round.pk).get(programme=round.programme)
    ids = {
        "round": round.pk,
        "pk": values["pk"],
        "run": values["run"],
        "session": values["session"],
        "survey": values["survey_id"],
    }
    return people, round, other, ids


def scoped_token(people, role, round, other, write=False):
    if role == "org_coordinator":
        return token_for(people[role], organisation=round.programme.organisation, write=write)
    return token_for(people[role], round=other if role == "other_round" else round, write=write)


@pytest.mark.parametrize("role", ROLES)
def test_reads_answer_each_role_as_the_pages_do(client, scenario, role):
    people, round, other, ids = scenario
    headers = bearer(scoped_token(people, role, round, other))
    wrong = []
    for path, allowed in READS.items():
        response = client.get(path.format(**ids), **headers)
        expected = 200 if role in allowed else 404
        if response.status_code != expected:
            wrong.append(f"{path}: {response.status_code}, expected {expected}")
        if response.status_code == 404:
            assert response.json() == {"detail": "Not found."}
    assert not wrong, f"{role}: " + "; ".join(wrong)


def test_nothing_of_the_tandems_content_reaches_the_api(client, scenario):
    people, round, other, ids = scenario
    headers = bearer(scoped_token(people, "coordinator", round, other))
    body = b"".join(
        client.get(path.format(**ids), **headers).content for path in READS if "{pk}" not in path
    )
    for secret in (b"Geheime Agenda", b"Geheime Notiz", b"Geheimes Ziel", b"Geheimes Anliegen"):
        assert secret not in body
    tandems = client.get(f"/api/v1/rounds/{round.pk}/tandems", **headers).json()
    assert tandems["count"] == 1
    assert set(tandems["items"][0]) >= {"meetings_planned", "agreement_confirmed", "quiet"}
    assert "agenda" not in tandems["items"][0]


def test_outside_the_tokens_scope_is_404_even_where_the_person_may(client, scenario):
    people, round, other, ids = scenario
    # The organisation's coordinator may open both rounds, but this token reaches one.
    headers = bearer(token_for(people["org_coordinator"], round=other))
    assert client.get(f"/api/v1/rounds/{round.pk}", **headers).status_code == 404
    assert client.get(f"/api/v1/rounds/{other.pk}", **headers).status_code == 200
    listed = client.get("/api/v1/rounds", **headers).json()
    assert [item["id"] for item in listed["items"]] == [other.pk]
    # A coordinator of another organisation reaches nothing of this one.
    foreign = Organisation.objects.get(coordinators=people["foreign_coordinator"])
    headers = bearer(token_for(people["foreign_coordinator"], organisation=foreign))
    assert client.get(f"/api/v1/rounds/{round.pk}", **headers).status_code == 404
    assert client.get("/api/v1/programmes", **headers).json()["count"] == 0


def test_a_read_only_token_changes_nothing_and_a_write_token_goes_through_the_service(
    client, scenario
):
    from tandem.applications.models import Application
    from tandem.audit.models import AuditEntry

    people, round, other, ids = scenario
    url = f"/api/v1/rounds/{round.pk}/applications/{ids['pk']}/state"
    body = {"state": "shortlisted"}
    read = bearer(scoped_token(people, "coordinator", round, other))
    response = client.post(url, body, content_type="application/json", **read)
    assert response.status_code == 403
    assert "only read" in response.json()["detail"]
    assert Application.objects.get(pk=ids["pk"]).state == "submitted"

    trainer = bearer(scoped_token(people, "trainer", round, other, write=True))
    response = client.post(url, body, content_type="application/json", **trainer)
    assert response.status_code == 404

    write = bearer(scoped_token(people, "coordinator", round, other, write=True))
    response = client.post(url, body, content_type="application/json", **write)
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "shortlisted"
    assert AuditEntry.objects.filter(action="application.shortlisted").exists()
    entry = AuditEntry.objects.get(action="api.write")
    assert entry.data["operation"] == "application.state"
    # A move the transitions forbid is refused with the reason.
    response = client.post(url, {"state": "draft"}, content_type="application/json", **write)
    assert response.status_code == 422  # not a state coordinators may choose
    response = client.post(url, {"state": "withdrawn"}, content_type="application/json", **write)
    assert response.status_code == 200
    response = client.post(url, {"state": "admitted"}, content_type="application/json", **write)
    assert response.status_code == 409
    assert response.json()["detail"]


def test_a_training_session_is_planned_with_the_pages_checks(client, scenario):
    people, round, other, ids = scenario
    write = bearer(scoped_token(people, "trainer", round, other, write=True))
    url = f"/api/v1/rounds/{round.pk}/trainings"
    soon = (timezone.now() + dt.timedelta(days=20)).isoformat()
    good = {"title": "Gesprächstechniken", "starts_at": soon, "duration_minutes": 90}
    response = client.post(url, good, content_type="application/json", **write)
    assert response.status_code == 201, response.content
    session_id = response.json()["id"]
    assert TrainingSession.objects.get(pk=session_id).created_by == people["trainer"]
    assert client.get(f"{url}/{session_id}", **write).status_code == 200

    far = good | {"starts_at": "2099-01-01T10:00:00+01:00"}
    response = client.post(url, far, content_type="application/json", **write)
    assert response.status_code == 409
    assert "starts_at" in response.json()["errors"]
    short = good | {"duration_minutes": 5}
    response = client.post(url, short, content_type="application/json", **write)
    assert response.status_code == 422
    assert "duration_minutes" in response.json()["errors"]

    mentor = bearer(scoped_token(people, "mentor", round, other, write=True))
    assert client.post(url, good, content_type="application/json", **mentor).status_code == 404


def test_expired_revoked_and_unknown_tokens_are_refused(client, scenario):
    people, round, other, ids = scenario
    key = scoped_token(people, "coordinator", round, other)
    assert client.get("/api/v1/rounds", **bearer(key)).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/api/v1/rounds", **bearer(key))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    key = scoped_token(people, "coordinator", round, other)
    ApiToken.objects.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    assert client.get("/api/v1/rounds", **bearer(key)).status_code == 401
    assert client.get("/api/v1/rounds", **bearer("tdm_" + "x" * 43)).status_code == 401
    assert client.get("/api/v1/rounds").status_code == 401
    # A session counts for nothing: the API takes tokens only.
    client.force_login(people["coordinator"])
    assert client.get("/api/v1/rounds").status_code == 401


def test_pages_are_capped_and_filters_apply(client, scenario):
    people, round, other, ids = scenario
    headers = bearer(scoped_token(people, "org_coordinator", round, other))
    response = client.get("/api/v1/rounds?page_size=101", **headers)
    assert response.status_code == 422
    assert "query.page_size" in response.json()["errors"]
    page = client.get("/api/v1/rounds?page_size=1", **headers).json()
    assert page["count"] == 2 and len(page["items"]) == 1 and page["page_size"] == 1
    second = client.get("/api/v1/rounds?page_size=1&page=2", **headers).json()
    assert second["items"][0]["id"] != page["items"][0]["id"]
    url = f"/api/v1/rounds/{round.pk}/applications"
    assert client.get(f"{url}?state=submitted", **headers).json()["count"] == 1
    assert client.get(f"{url}?state=admitted", **headers).json()["count"] == 0
    assert client.get(f"{url}?topic=no-such-topic", **headers).json()["count"] == 0
    assert client.get(f"{url}?state=nonsense", **headers).status_code == 422
    huge = client.get(f"/api/v1/rounds/{2**63}", **headers)
    assert huge.status_code == 422


def test_the_schema_and_the_docs_are_served_by_the_platform(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["version"] == "1"
    assert "Survey results are aggregates only" in schema["info"]["description"]
    assert "/api/v1/rounds/{round_id}/tandems" in schema["paths"]
    assert "/api/v1/rounds/{round_id}/surveys/{survey_id}/results" in schema["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    # Rendered on the server from the schema: every operation, no script of anyone else's.
    for path in schema["paths"]:
        assert f"{path}</code>" in html
    assert "GET /api/v1/rounds/{round_id}/applications</code>" in html
    assert '<script src="/static/ninja' not in html and "cdn" not in html.lower()
