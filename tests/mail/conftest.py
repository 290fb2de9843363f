import pytest
from django.urls import reverse

DENIED_ROLES = ["mentor", "mentee", "trainer", "outsider", "foreign_coordinator"]


def manage_url(name, round, **kwargs):
    return reverse(f"manage:{name}", kwargs={**round.url_kwargs, **kwargs})


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Argon2 is right for production and slow for the many accounts these tests create.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
