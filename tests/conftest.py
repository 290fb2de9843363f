import time
import uuid

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tandem.programmes.enums import RoleKind
from tests.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    RoundFactory,
    RoundRoleFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    # Tests read English unless they ask for German (the product's default is German).
    settings.LANGUAGE_CODE = "en"
    translation.activate("en")
    # Tasks run at once in tests; mail goes to Django's in-memory outbox.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TANDEM_BADGE_KEY_PATH = tmp_path / "keys" / "badge-signing-key.pem"
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        # A shared Redis: each test gets keys of its own (rate limits, used TOTP codes).
        settings.CACHES = {
            "default": {
                **settings.CACHES["default"],
                "KEY_PREFIX": f"tandem-test-{uuid.uuid4().hex}",
            }
        }
    # WhiteNoise warns once per request handler when STATIC_ROOT does not exist (it is
    # made by collectstatic, which tests do not run); static files come from the finders.
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir(exist_ok=True)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


_plain_force_login = Client.force_login


def record_second_factor(client, user):
    """Mark the client's session as signed in with the second factor, as allauth does."""
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "type": "totp", "at": time.time()},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def password_only_login(client, user):
    """A session opened with the password alone (an old session, a login around allauth)."""
    _plain_force_login(client, user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": user.email}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


@pytest.fixture(autouse=True)
def _full_logins(monkeypatch):
    """In tests, ``force_login`` stands for a complete login through allauth: with the
    second factor when the account has one. Tests of sessions that did not use it call
    ``password_only_login``."""

    def force_login(client, user, backend=None):
        _plain_force_login(client, user, backend)
        if Authenticator.objects.filter(user=user).exists():
            record_second_factor(client, user)

    monkeypatch.setattr(Client, "force_login", force_login)


# Roles that never see coordinator pages of a round (the trainer reads some: test those apart).
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


@pytest.fixture
def fast_passwords(settings):
    """Argon2 is right for production and slow for the many accounts some tests create."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def with_totp(user):
    """Give a person an activated authenticator app (a real allauth Authenticator)."""
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    return user


def finish(response) -> None:
    """Read a streamed response (a file download) to its end, which closes its file.

    Not ``response.close()``: that sends request_finished with Django's connection closer
    attached, which closes the database connection inside the test's transaction on
    PostgreSQL. The test client's own wrapper of a streamed body detaches it first.
    """
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)


def verified(user):
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def round(organisation):
    return RoundFactory(programme=ProgrammeFactory(organisation=organisation))


@pytest.fixture
def coordinator(round):
    """An organisation coordinator with a second factor."""
    user = with_totp(verified(UserFactory(name="Cora Coordinator")))
    round.programme.organisation.coordinators.add(user)
    return user


@pytest.fixture
def people(round):
    """One person per round role, plus an outsider and a coordinator of another organisation."""
    result = {}
    for role in RoleKind:
        user = with_totp(verified(UserFactory()))
        RoundRoleFactory(round=round, person=user, role=role)
        result[role.value] = user
    result["outsider"] = with_totp(verified(UserFactory()))
    other = OrganisationFactory()
    foreign = with_totp(verified(UserFactory()))
    other.coordinators.add(foreign)
    result["foreign_coordinator"] = foreign
    return result
