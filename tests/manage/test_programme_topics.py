"""A new programme starts with no topics, the default taxonomy, or a copy of another's."""

import pytest
from django.urls import reverse

from tandem.programmes.models import Programme, Topic
from tandem.programmes.taxonomy import DEFAULT_TOPICS
from tests.factories import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(login, coordinator, round):
    organisation = round.programme.organisation
    source = round.programme
    source.topics.all().delete()
    Topic.objects.create(
        programme=source, key="fdm", label_de="Datenmanagement", label_en="Data", position=2
    )
    Topic.objects.create(programme=source, key="dmp", label_de="DMP", label_en="DMPs", position=1)
    return login(coordinator), organisation, source


def create(client, organisation, topics):
    url = reverse("manage:organisation", kwargs={"org": organisation.slug})
    return client.post(url, {"name": "Forschungsdaten", "description": "", "topics": topics})


def new_programme(organisation):
    return Programme.objects.get(organisation=organisation, name="Forschungsdaten")


def test_the_form_offers_none_default_and_a_copy_of_each_programme(setup):
    client, organisation, source = setup
    other = ProgrammeFactory()  # another organisation's programme is not offered
    page = client.get(reverse("manage:organisation", kwargs={"org": organisation.slug}))
    html = page.content.decode()
    assert 'value="none"' in html and 'value="default"' in html
    assert f'value="copy-{source.pk}"' in html and f"copy-{other.pk}" not in html
    assert "(2 topics)" in html


@pytest.mark.parametrize("choice, expected", [("none", 0), ("default", len(DEFAULT_TOPICS))])
def test_none_or_the_default_set(setup, choice, expected):
    client, organisation, _source = setup
    assert create(client, organisation, choice).status_code == 302
    assert new_programme(organisation).topics.count() == expected


def test_a_copy_keeps_keys_labels_and_order(setup):
    client, organisation, source = setup
    assert create(client, organisation, f"copy-{source.pk}").status_code == 302
    copied = list(new_programme(organisation).topics.values_list("key", "label_de", "label_en"))
    assert copied == [("dmp", "DMP", "DMPs"), ("fdm", "Datenmanagement", "Data")]
    assert source.topics.count() == 2  # the original keeps its own


def test_another_organisations_programme_cannot_be_copied(setup):
    client, organisation, _source = setup
    foreign = ProgrammeFactory(organisation=OrganisationFactory())
    Topic.objects.create(programme=foreign, key="secret", label_de="x", label_en="x")
    response = create(client, organisation, f"copy-{foreign.pk}")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Programme.objects.filter(name="Forschungsdaten").exists()
