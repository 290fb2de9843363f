"""Every /me/…/training/ URL for every role: who gets the page, who gets 404."""

import pytest
from django.urls import reverse

from tandem.audit.models import AuditEntry
from tests.conftest import finish

from .samples import training_samples

pytestmark = pytest.mark.django_db

ROLES = ["mentor", "mentee", "trainer", "coordinator", "outsider", "foreign_coordinator"]
# name, method, kwargs used, the roles that may use it
TABLE = [
    ("training", "get", (), {"mentor", "mentee", "trainer", "coordinator"}),
    ("training_session", "get", ("session",), {"mentor"}),
    ("training_answer", "post", ("session",), {"mentor"}),
    ("training_session_ics", "get", ("session",), {"mentor"}),
    ("training_material", "get", ("session", "material"), {"mentor"}),
    ("consultations", "get", (), {"mentor", "mentee"}),
    ("consultation_book", "post", ("slot",), {"mentor", "mentee"}),
    ("consultation_cancel", "post", ("booking",), {"mentee"}),
    ("consultation_ics", "get", ("booking",), {"mentee"}),
    # Online rooms need BigBlueButton configured, which this walk has not: 404 for all.
    # Who enters them when it is: test_online_rooms.py.
    ("training_online_room", "get", ("session",), set()),
    ("consultation_online_room", "get", ("booking",), set()),
]


POST_DATA = {"training_answer": {"answer": "accept"}}


def _url(round, samples, name, keys):
    return reverse(
        f"portal:{name}", kwargs={**round.url_kwargs, **{key: samples[key] for key in keys}}
    )


def test_the_table_covers_every_training_url():
    from django.urls import get_resolver

    names = {
        name
        for name in get_resolver().namespace_dict["portal"][1].reverse_dict
        if isinstance(name, str)
        and (name.startswith("training") or name.startswith("consultation"))
    }
    assert names == {row[0] for row in TABLE}


@pytest.mark.parametrize(
    ("name", "method", "keys", "allowed"), TABLE, ids=[row[0] for row in TABLE]
)
def test_role_table(client, round, people, name, method, keys, allowed):
    samples = training_samples(round, people)
    url = _url(round, samples, name, keys)
    # Those who may not go first: their requests must change nothing.
    for who in sorted(ROLES, key=lambda role: role in allowed):
        client.force_login(people[who])
        entries = AuditEntry.objects.count()
        response = getattr(client, method)(url, POST_DATA.get(name, {}))
        finish(response)  # a file download keeps its file open until read
        if who not in allowed:
            assert response.status_code == 404, (who, name, response.status_code)
            assert AuditEntry.objects.count() == entries, (who, name)
        elif method == "post" and AuditEntry.objects.count() == entries:
            # A second person booking the same slot is told it is taken (a clear 400).
            assert response.status_code == 400, (who, name, response.status_code)
        else:
            assert response.status_code in (200, 302), (who, name, response.status_code)


def test_anonymous_is_sent_to_login(client, round, people):
    samples = training_samples(round, people)
    for name, method, keys, _allowed in TABLE:
        response = getattr(client, method)(_url(round, samples, name, keys))
        assert response.status_code == 302 and "/accounts/login/" in response.url, name


def test_a_person_of_another_round_sees_nothing(client, round, people):
    from tests.factories import RoundFactory, RoundRoleFactory

    samples = training_samples(round, people)
    other = RoundFactory(programme=round.programme)
    RoundRoleFactory(round=other, person=people["outsider"], role="mentor")
    client.force_login(people["outsider"])
    for name, method, keys, _allowed in TABLE:
        response = getattr(client, method)(_url(round, samples, name, keys))
        assert response.status_code == 404, name
