"""The API's lists take a fixed number of queries, with one row and with many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.programmes.enums import RoleKind
from tests.applications.factories import ApplicationFactory, published_profile
from tests.factories import OrganisationFactory, ProgrammeFactory, RoundFactory, UserFactory

from .helpers import bearer, token_for

pytestmark = pytest.mark.django_db


def queries(client, url, headers) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return len(captured)


def test_lists_do_not_grow_a_query_per_row(client, fast_passwords):
    organisation = OrganisationFactory()
    coordinator = UserFactory()
    organisation.coordinators.add(coordinator)
    round = RoundFactory(programme=ProgrammeFactory(organisation=organisation))
    headers = bearer(token_for(coordinator, organisation=organisation))
    urls = [
        "/api/v1/rounds",
        "/api/v1/programmes",
        f"/api/v1/rounds/{round.pk}/applications",
        f"/api/v1/rounds/{round.pk}/mentor-profiles",
    ]

    def add_rows():
        RoundFactory(programme=round.programme)
        ApplicationFactory(round=round)
        mentor = UserFactory()
        round.roles.create(person=mentor, role=RoleKind.MENTOR)
        published_profile(round, mentor)

    add_rows()
    # The first request notes when the token was used (once a minute): not counted here.
    client.get("/api/v1/rounds", **headers)
    few = {url: queries(client, url, headers) for url in urls}
    for _ in range(4):
        add_rows()
    many = {url: queries(client, url, headers) for url in urls}
    assert many == few
