"""URL × role matrix: who may open which coordinator page; everyone else gets 404."""

import pytest
from django.urls import reverse

from tandem.audit.models import AuditEntry
from tandem.programmes.models import Organisation, Programme, Round, RoundRole, Topic

pytestmark = pytest.mark.django_db

DENIED = ["mentor", "mentee", "trainer", "outsider", "foreign_coordinator"]


def round_urls(programme_round):
    kwargs = programme_round.url_kwargs
    org, programme = kwargs["org"], kwargs["programme"]
    topic = programme_round.programme.topics.first()
    role = programme_round.roles.first()
    return [
        ("get", reverse("manage:organisation", kwargs={"org": org})),
        ("get", reverse("manage:programme", kwargs={"org": org, "programme": programme})),
        ("get", reverse("manage:round_create", kwargs={"org": org, "programme": programme})),
        ("get", reverse("manage:round", kwargs=kwargs)),
        ("get", reverse("manage:round_edit", kwargs=kwargs)),
        ("get", reverse("manage:round_roles", kwargs=kwargs)),
        ("post", reverse("manage:round_phase", kwargs=kwargs)),
        (
            "post",
            reverse(
                "manage:topic_remove",
                kwargs={"org": org, "programme": programme, "topic": topic.pk},
            ),
        ),
        ("post", reverse("manage:round_role_remove", kwargs={**kwargs, "role": role.pk})),
        ("post", reverse("manage:round_create", kwargs={"org": org, "programme": programme})),
        ("post", reverse("manage:round_roles", kwargs=kwargs)),
    ]


def snapshot():
    return (
        Organisation.objects.count(),
        Programme.objects.count(),
        Round.objects.count(),
        list(Round.objects.values_list("current_phase", flat=True)),
        RoundRole.objects.count(),
        Topic.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize("who", DENIED)
def test_people_outside_the_scope_get_404_and_change_nothing(client, round, people, who):
    client.force_login(people[who])
    before = snapshot()
    for method, url in round_urls(round):
        response = getattr(client, method)(
            url, {"phase": "alumni", "name": "X", "email": people[who].email, "role": "mentor"}
        )
        assert response.status_code == 404, (who, method, url)
        assert round.name not in response.content.decode()
    assert snapshot() == before


def test_anonymous_is_sent_to_login(client, round, people):
    for method, url in round_urls(round):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_round_coordinator_role_grants_the_round_but_not_the_organisation(client, round, people):
    from tests.conftest import verified, with_totp
    from tests.factories import RoundRoleFactory, UserFactory

    person = with_totp(verified(UserFactory()))
    RoundRoleFactory(round=round, person=person, role="coordinator")
    client.force_login(person)
    assert client.get(reverse("manage:round", kwargs=round.url_kwargs)).status_code == 200
    assert client.get(reverse("manage:round_roles", kwargs=round.url_kwargs)).status_code == 200
    org = round.programme.organisation.slug
    assert client.get(reverse("manage:organisation", kwargs={"org": org})).status_code == 404


def test_coordinator_without_second_factor_is_sent_to_set_it_up(client, round):
    from tests.conftest import verified
    from tests.factories import UserFactory

    person = verified(UserFactory())
    round.programme.organisation.coordinators.add(person)
    client.force_login(person)
    response = client.get(reverse("manage:round", kwargs=round.url_kwargs))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    response = client.get(reverse("manage:organisations"))
    assert response.url == reverse("mfa_activate_totp")


def test_demo_accounts_skip_the_second_factor_only_outside_production(client, round, settings):
    from tests.conftest import verified
    from tests.factories import UserFactory

    person = verified(UserFactory(is_demo=True))
    round.programme.organisation.coordinators.add(person)
    client.force_login(person)
    url = reverse("manage:round", kwargs=round.url_kwargs)
    settings.TANDEM_DEMO_SKIPS_MFA = True
    assert client.get(url).status_code == 200
    settings.TANDEM_DEMO_SKIPS_MFA = False
    assert client.get(url).status_code == 302
