"""Coordinators see likely duplicate institutions of their round and merge two (logged)."""

import pytest

from tandem.applications.models import Application
from tandem.audit.models import AuditEntry
from tandem.people.models import User
from tandem.programmes.models import Institution
from tests.applications.factories import ApplicationFactory
from tests.conftest import manage_url
from tests.factories import InstitutionFactory, UserFactory
from tests.recruitment.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(round):
    long = InstitutionFactory(name="Universität Nordstadt Medizinische Fakultät")
    short = InstitutionFactory(name="Universität Nordstadt")
    other = InstitutionFactory(name="Hochschule Südstadt")
    applicant = ApplicationFactory(
        round=round, person=UserFactory(institution=long), institution=long
    )
    MentorProfileFactory(round=round, person=UserFactory(institution=short))
    ApplicationFactory(round=round, person=UserFactory(institution=other))
    return long, short, other, applicant


def test_coordinator_sees_likely_duplicates_and_merges(client, round, coordinator, twins):
    long, short, other, applicant = twins
    client.force_login(coordinator)
    url = manage_url("matching_institutions", round)
    text = client.get(url).content.decode()
    assert "Universität Nordstadt Medizinische Fakultät" in text
    assert "Hochschule Südstadt" not in text  # not a likely duplicate of anything
    response = client.post(url, {"keep": short.pk, "merge": long.pk})
    assert response.status_code == 302
    assert not Institution.objects.filter(pk=long.pk).exists()
    assert User.objects.filter(institution=short).count() == 2
    assert Application.objects.get(pk=applicant.pk).institution == short
    entry = AuditEntry.objects.get(action="institution.merged")
    assert entry.data["merged"] == long.pk and entry.actor == coordinator


def test_merging_an_institution_outside_the_round_is_404(client, round, coordinator, twins):
    long, short, *_ = twins
    stranger = InstitutionFactory(name="Universität Nordstadt Archiv")
    client.force_login(coordinator)
    url = manage_url("matching_institutions", round)
    assert client.post(url, {"keep": short.pk, "merge": stranger.pk}).status_code == 404
    assert client.post(url, {"keep": short.pk, "merge": "x"}).status_code == 404
    assert client.post(url, {"keep": short.pk, "merge": short.pk}).status_code == 400
    assert Institution.objects.filter(pk__in=[long.pk, short.pk, stranger.pk]).count() == 3


@pytest.mark.parametrize("role", ["trainer", "mentor", "mentee", "outsider"])
def test_other_roles_cannot_merge(client, round, people, twins, role):
    long, short, *_ = twins
    client.force_login(people[role])
    url = manage_url("matching_institutions", round)
    assert client.get(url).status_code == 404
    assert client.post(url, {"keep": short.pk, "merge": long.pk}).status_code == 404
    assert Institution.objects.filter(pk=long.pk).exists()
