import pytest
from django.urls import reverse

DENIED_ROLES = ["mentor", "mentee", "trainer", "outsider", "foreign_coordinator"]


def manage_url(name, round, **kwargs):
    return reverse(f"manage:{name}", kwargs={**round.url_kwargs, **kwargs})


def portal_url(name, round, **kwargs):
    return reverse(f"portal:{name}", kwargs={**round.url_kwargs, **kwargs})


def public_url(name, round, **kwargs):
    return reverse(f"public:{name}", kwargs={**round.url_kwargs, **kwargs})


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Argon2 is right for production and slow for hundreds of test accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
