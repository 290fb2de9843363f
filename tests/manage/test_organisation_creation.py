"""Organisations are created by the platform's operators; self-service only when switched on."""

import pytest
from django.urls import reverse

from tandem.programmes.models import Organisation
from tests.conftest import verified, with_totp
from tests.factories import RoundRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def menu_has_coordination(client) -> bool:
    page = client.get(reverse("portal:dashboard")).content.decode()
    return f'href="{reverse("manage:organisations")}"' in page


@pytest.mark.parametrize("role", [None, "mentor", "mentee"])
def test_people_without_a_coordinating_role_neither_see_nor_reach_coordination(client, round, role):
    person = with_totp(verified(UserFactory()))
    if role:
        RoundRoleFactory(round=round, person=person, role=role)
    client.force_login(person)
    assert not menu_has_coordination(client)
    url = reverse("manage:organisations")
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Eigener Träger"}).status_code == 404
    assert not Organisation.objects.filter(name="Eigener Träger").exists()


def test_a_coordinator_sees_the_menu_but_cannot_create_another_organisation(client, coordinator):
    client.force_login(coordinator)
    assert menu_has_coordination(client)
    response = client.get(reverse("manage:organisations"))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "Create organisation" not in response.content.decode()
    response = client.post(reverse("manage:organisations"), {"name": "Zweiter Träger"})
    assert response.status_code == 404
    assert not Organisation.objects.filter(name="Zweiter Träger").exists()


@pytest.mark.parametrize("role", ["coordinator", "trainer"])
def test_round_coordinators_and_trainers_see_the_menu_and_their_rounds(client, round, role):
    person = with_totp(verified(UserFactory()))
    RoundRoleFactory(round=round, person=person, role=role)
    client.force_login(person)
    assert menu_has_coordination(client)
    response = client.get(reverse("manage:organisations"))
    assert response.status_code == 200
    assert list(response.context["rounds"]) == [round]
    target = "round" if role == "coordinator" else "application_list"
    assert reverse(f"manage:{target}", kwargs=round.url_kwargs) in response.content.decode()


def test_staff_create_organisations(client):
    operator = with_totp(verified(UserFactory(is_staff=True)))
    client.force_login(operator)
    assert menu_has_coordination(client)
    response = client.post(reverse("manage:organisations"), {"name": "Landesinitiative OA"})
    organisation = Organisation.objects.get(name="Landesinitiative OA")
    assert response.url == reverse("manage:organisation", kwargs={"org": organisation.slug})
    assert list(organisation.coordinators.all()) == [operator]


def test_self_service_creation_when_the_operator_switches_it_on(client, settings):
    settings.TANDEM_SELF_SERVICE_ORGANISATIONS = True
    person = with_totp(verified(UserFactory()))
    client.force_login(person)
    assert client.get(reverse("manage:organisations")).context["form"] is not None
    response = client.post(reverse("manage:organisations"), {"name": "Selbst gegründet"})
    assert response.status_code == 302
    assert Organisation.objects.filter(name="Selbst gegründet", coordinators=person).exists()
