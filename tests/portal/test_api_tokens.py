"""The token pages: made with the key shown once, listed, revoked; only one's own."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.api.models import ApiToken
from tandem.audit.models import AuditEntry
from tandem.people.tokens import hash_token
from tandem.programmes.enums import RoleKind
from tests.factories import RoundFactory, RoundRoleFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/me/api/"


@pytest.fixture
def member(fast_passwords):
    round = RoundFactory()
    person = UserFactory()
    RoundRoleFactory(round=round, person=person, role=RoleKind.MENTOR)
    return person, round


def form(round, **extra):
    day = timezone.localdate() + dt.timedelta(days=30)
    return {
        "name": "Auswertung",
        "scope": f"r{round.pk}",
        "access": "read",
        "expires_on": day.isoformat(),
    } | extra


def test_a_token_is_made_its_key_shown_once_and_stored_hashed(client, member):
    person, round = member
    client.force_login(person)
    response = client.post(URL, form(round))
    assert response.status_code == 302
    page = client.get(URL).content.decode()
    start = page.index('id="new-key"')
    key = page[start:].split('value="', 1)[1].split('"', 1)[0]
    assert key.startswith("tdm_") and len(key) > 40
    token = ApiToken.objects.get()
    assert token.key_hash == hash_token(key) and key not in repr(token.__dict__)
    assert token.round == round and token.access == "read"
    assert AuditEntry.objects.filter(action="api.token_created").exists()
    # Shown once: the next visit lists the token but not its key.
    again = client.get(URL).content.decode()
    assert key not in again and "Auswertung" in again
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get(f"/api/v1/rounds/{round.pk}", **headers).status_code == 200


def test_bad_input_gets_messages_on_the_fields_and_no_token(client, member):
    person, round = member
    client.force_login(person)
    foreign = RoundFactory()
    cases = [
        form(round, name=""),
        form(round, scope=f"r{foreign.pk}"),
        form(round, scope="r99999999999999999999999"),
        form(round, scope="x"),
        form(round, expires_on="2020-01-01"),
        form(round, expires_on=(timezone.localdate() + dt.timedelta(days=400)).isoformat()),
        form(round, access="admin"),
    ]
    for data in cases:
        response = client.post(URL, data)
        assert response.status_code == 400, data
        assert 'aria-invalid="true"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_is_revoked_by_its_owner_only(client, member):
    person, round = member
    client.force_login(person)
    client.post(URL, form(round))
    token = ApiToken.objects.get()
    other = UserFactory()
    client.force_login(other)
    url = reverse("portal:api_token_revoke", args=[token.pk])
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None
    client.force_login(person)
    assert client.post(url).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and not token.is_active()
    assert AuditEntry.objects.filter(action="api.token_revoked").exists()
    assert "revoked" in client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_without_a_round_or_organisation_there_is_nothing_to_scope(client, fast_passwords):
    client.force_login(UserFactory())
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "you have none yet" in html
    assert client.post(URL, {"name": "x", "scope": "r1"}).status_code == 400


def test_the_export_lists_tokens_without_their_keys(client, member):
    from tandem.privacy.personal_data import export_personal_data

    person, round = member
    client.force_login(person)
    client.post(URL, form(round))
    data = export_personal_data(person, by=person)
    assert "'name': 'Auswertung'" in str(data)
    assert ApiToken.objects.get().key_hash not in str(data)


def test_tokens_that_ended_long_ago_go_with_retention(member):
    from tandem.privacy.retention import apply_timed_retention

    person, round = member
    kept, ended, revoked = (
        ApiToken.objects.create(
            person=person,
            name=name,
            round=round,
            key_hash=name * 8,
            prefix="tdm_x",
            expires_at=timezone.now() + dt.timedelta(days=days),
        )
        for name, days in (("kept", 30), ("ended", -91), ("revoked", 30))
    )
    ApiToken.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now() - dt.timedelta(91))
    recently = ApiToken.objects.create(
        person=person,
        name="recently",
        round=round,
        key_hash="r" * 64,
        prefix="tdm_r",
        expires_at=timezone.now() - dt.timedelta(days=3),
    )
    apply_timed_retention()
    assert set(ApiToken.objects.values_list("pk", flat=True)) == {kept.pk, recently.pk}
    assert ended and revoked
