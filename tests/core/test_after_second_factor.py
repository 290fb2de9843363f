"""A coordinator sent to set up the second factor finds the way back afterwards."""

import pytest
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from tests.conftest import verified
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# Real commits: allauth announces a new factor after the commit, and setting it up counts
# as using it for the session (tandem.people.receivers).
@pytest.mark.django_db(transaction=True)
def test_after_setting_up_totp_the_recovery_codes_page_leads_back(client, round):
    person = verified(UserFactory(name="Cora Neu"))
    person.set_password("lange-sichere-phrase")
    person.save()
    round.programme.organisation.coordinators.add(person)
    # A real login: allauth asks for a recent authentication before adding a factor.
    client.post(
        reverse("account_login"), {"login": person.email, "password": "lange-sichere-phrase"}
    )
    target = reverse("manage:round_roles", kwargs=round.url_kwargs)
    response = client.get(target)
    assert response.url == reverse("mfa_activate_totp")

    response = client.get(reverse("mfa_activate_totp"))
    if response.status_code == 302:  # allauth asks for the password again first
        client.post(response.url, {"password": "lange-sichere-phrase"})
        client.get(reverse("mfa_activate_totp"))  # allauth keeps the new secret in the session
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(reverse("mfa_activate_totp"), {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_view_recovery_codes")
    page = response.content.decode()
    assert "Continue where you were going" in page
    assert f'href="{target}"' in page

    # Arrived: the offer is gone.
    assert client.get(target).status_code == 200
    assert (
        "Continue where you were going"
        not in client.get(reverse("mfa_view_recovery_codes")).content.decode()
    )


def test_no_way_back_is_offered_before_the_second_factor_exists(client, round):
    person = verified(UserFactory())
    round.programme.organisation.coordinators.add(person)
    client.force_login(person)
    client.get(reverse("manage:round", kwargs=round.url_kwargs))
    assert "Continue where you were going" not in client.get(reverse("mfa_index")).content.decode()
