"""Coordinator pages, the admin and superuser powers need a session that used the
second factor — having one on the account is not enough (issue 8)."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from tests.conftest import password_only_login, verified, with_totp
from tests.factories import OrganisationFactory, ProgrammeFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXP"  # the secret tests.conftest.with_totp gives
PASSWORD = "lange-sichere-phrase-17"


def totp_code(offset: int = 0) -> str:
    return format_hotp_value(hotp_value(SECRET, int(time.time()) // 30 + offset))


def organisation_url(organisation) -> str:
    return reverse("manage:organisation", kwargs={"org": organisation.slug})


@pytest.fixture
def coordinator_with_password(organisation, fast_passwords):
    user = with_totp(verified(UserFactory(email="cora@example.org")))
    user.set_password(PASSWORD)
    user.save()
    organisation.coordinators.add(user)
    return user


def test_password_only_session_is_sent_to_confirm_with_the_second_factor_and_comes_back(
    client, organisation, coordinator_with_password
):
    password_only_login(client, coordinator_with_password)
    page = organisation_url(organisation)
    response = client.get(page)
    assert response.status_code == 302
    assert response.url == f"{reverse('mfa_reauthenticate')}?next={page.replace('/', '%2F')}"
    confirm = client.get(response.url)
    assert confirm.status_code == 200
    assert "Please confirm with a code from your authenticator app" in confirm.content.decode()
    # A wrong code does not open the page.
    client.post(response.url, {"code": "000000"})
    assert client.get(page).status_code == 302
    response = client.post(response.url, {"code": totp_code()})
    assert response.status_code == 302
    assert response.url == page
    assert client.get(page).status_code == 200


def test_login_through_allauth_with_totp_opens_coordinator_pages(
    client, organisation, coordinator_with_password
):
    response = client.post(
        reverse("account_login"), {"login": "cora@example.org", "password": PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.get(organisation_url(organisation)).status_code == 200


def test_a_form_sent_from_an_unconfirmed_session_is_not_carried_out(
    client, organisation, coordinator_with_password
):
    from tandem.programmes.models import Programme

    password_only_login(client, coordinator_with_password)
    page = organisation_url(organisation)
    response = client.post(
        page, {"name": "Neues Programm", "description": ""}, HTTP_REFERER=f"http://testserver{page}"
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_reauthenticate"))
    assert response.url.endswith(page.replace("/", "%2F"))
    assert not Programme.objects.filter(name="Neues Programm").exists()


def test_account_without_a_factor_is_sent_to_set_one_up(client, organisation):
    user = verified(UserFactory())
    organisation.coordinators.add(user)
    client.force_login(user)
    assert client.get(organisation_url(organisation)).url == reverse("mfa_activate_totp")


def test_demo_accounts_skip_the_second_factor_on_a_development_install_only(
    client, organisation, settings
):
    user = verified(UserFactory(is_demo=True))
    organisation.coordinators.add(user)
    password_only_login(client, user)
    settings.TANDEM_DEMO_SKIPS_MFA = True
    assert client.get(organisation_url(organisation)).status_code == 200
    settings.TANDEM_DEMO_SKIPS_MFA = False
    assert client.get(organisation_url(organisation)).status_code == 302


# --- the admin ------------------------------------------------------------------------


@pytest.fixture
def staff(fast_passwords):
    user = with_totp(
        verified(UserFactory(email="staff@example.org", is_staff=True, is_superuser=True))
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def test_admin_login_has_no_password_form_of_its_own(client, staff):
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=%2Fadmin%2F"
    # The right password posted to the admin's login does not log anybody in.
    response = client.post(
        reverse("admin:login"), {"username": "staff@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_wrong_passwords_through_the_admin_door_are_throttled(client, staff):
    for _ in range(25):
        response = client.post(
            reverse("admin:login"), {"username": "staff@example.org", "password": "falsch"}
        )
        assert response.url.startswith(reverse("account_login"))
    answers = [
        client.post(reverse("account_login"), {"login": "staff@example.org", "password": "falsch"})
        for _ in range(25)
    ]
    assert "Too many failed login attempts" not in answers[0].content.decode()
    assert "Too many failed login attempts" in answers[-1].content.decode()
    # While the address is locked even the right password is refused.
    response = client.post(
        reverse("account_login"), {"login": "staff@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_admin_needs_a_session_that_used_the_second_factor(client, staff):
    password_only_login(client, staff)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("mfa_reauthenticate"))
    client.post(response.redirect_chain[-1][0], {"code": totp_code()})
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:people_user_changelist")).status_code == 200


def test_admin_is_404_for_people_who_are_not_staff(client):
    client.force_login(with_totp(verified(UserFactory())))
    assert client.get(reverse("admin:login")).status_code == 404
    assert client.get(reverse("admin:index"), follow=True).status_code == 404


def test_admin_can_be_switched_off(client, settings, staff):
    from importlib import reload

    from django.urls import clear_url_caches

    import tandem.urls

    settings.TANDEM_ADMIN = False
    try:
        reload(tandem.urls)
        clear_url_caches()
        client.force_login(staff)
        assert client.get("/admin/").status_code == 404
    finally:
        settings.TANDEM_ADMIN = True
        reload(tandem.urls)
        clear_url_caches()


# --- superuser powers -------------------------------------------------------------------


def test_superuser_powers_hold_only_in_a_session_that_used_the_second_factor(client, staff):
    other = OrganisationFactory()
    round = RoundFactory(programme=ProgrammeFactory(organisation=other))
    pages = [organisation_url(other), reverse("portal:round", kwargs=round.url_kwargs)]
    password_only_login(client, staff)
    for page in pages:
        assert client.get(page).status_code == 404, page
    client.force_login(staff)
    for page in pages:
        assert client.get(page).status_code == 200, page


def test_the_admin_never_shows_a_totp_secret(client, staff):
    from allauth.mfa.models import Authenticator

    client.force_login(staff)
    authenticator = Authenticator.objects.get(user=staff)
    page = client.get(reverse("admin:mfa_authenticator_change", args=[authenticator.pk]))
    assert page.status_code == 200
    assert SECRET not in page.content.decode()
    assert client.get(reverse("admin:mfa_authenticator_add")).status_code == 403
