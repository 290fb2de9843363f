import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
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
    # WhiteNoise warns once per request handler when STATIC_ROOT does not exist (it is
    # made by collectstatic, which tests do not run); static files come from the finders.
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir(exist_ok=True)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


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
