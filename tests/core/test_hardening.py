"""Staff session lifetime, Permissions-Policy, error pages, login rate limits, the cache."""

import datetime
import os
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.urls import path, reverse
from django.utils import timezone, translation

from tandem.settings import cache_from_url
from tests.conftest import verified, with_totp
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# --- staff sessions -------------------------------------------------------------------


def test_staff_sessions_end_after_the_configured_lifetime(client, settings):
    settings.TANDEM_STAFF_SESSION_SECONDS = 3600
    client.force_login(with_totp(verified(UserFactory(is_staff=True))))
    client.get(reverse("portal:dashboard"))
    assert client.session.get_expiry_age() <= 3600
    expires = client.session.get_expiry_date()
    # An absolute lifetime: more requests do not push the end further out.
    client.get(reverse("portal:dashboard"))
    assert client.session.get_expiry_date() == expires
    from django.contrib.sessions.models import Session

    stored = Session.objects.get(session_key=client.session.session_key)
    assert stored.expire_date <= timezone.now() + datetime.timedelta(seconds=3600)


def test_other_sessions_keep_the_usual_lifetime(client, settings):
    settings.TANDEM_STAFF_SESSION_SECONDS = 3600
    client.force_login(verified(UserFactory()))
    client.get(reverse("portal:dashboard"))
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


# --- headers and error pages ------------------------------------------------------------


def test_permissions_policy_denies_camera_microphone_and_location(client):
    policy = client.get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy


def test_404_page_is_in_the_site_layout_with_a_way_back(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and 'href="/"' in html
    assert "Skip to main content" in html  # the site's layout
    client.force_login(verified(UserFactory()))
    html = client.get("/no-such-page/").content.decode()
    assert f'href="{reverse("portal:dashboard")}"' in html


def test_404_page_in_german(client, settings):
    settings.DEBUG = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    html = client.get("/keine-seite/").content.decode()
    assert "Seite nicht gefunden" in html
    assert "Zurück zur Startseite" in html


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken_view)]


@pytest.mark.parametrize(
    "language,title", [("en", "Something went wrong"), ("de", "Etwas ist schiefgegangen")]
)
def test_500_page_needs_no_context_and_is_translated(settings, language, title):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert title in html and 'href="/"' in html
    assert "bootstrap.min.css" in html
    translation.activate("en")


# --- login rate limits ---------------------------------------------------------------


@pytest.fixture
def accounts(fast_passwords):
    made = {}
    for name in ("guesser", "colleague"):
        user = verified(UserFactory(email=f"{name}@ub.example.org"))
        user.set_password("richtiges-passwort-42")
        user.save()
        made[name] = user
    return made


def login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_one_person_cannot_lock_out_colleagues_behind_the_same_address(accounts):
    # Everyone at the library comes from one IP address (REMOTE_ADDR of the test client).
    guesser = Client()
    for _ in range(20):
        response = login(guesser, "guesser@ub.example.org", "falsch")
    assert "Too many failed login attempts" in response.content.decode()
    colleague = Client()
    response = login(colleague, "colleague@ub.example.org", "richtiges-passwort-42")
    assert response.status_code == 302
    assert "_auth_user_id" in colleague.session


def test_guessing_across_many_accounts_from_one_address_is_stopped(fast_passwords):
    spray = Client()
    answers = [login(spray, f"person{index}@example.org", "Sommer2026!") for index in range(70)]
    assert "Too many failed login attempts" not in answers[0].content.decode()
    assert "Too many failed login attempts" in answers[-1].content.decode()


# --- the shared cache ----------------------------------------------------------------


def test_the_default_cache_is_the_database_and_migrate_makes_its_table(settings):
    from importlib import import_module
    from types import SimpleNamespace

    assert cache_from_url("")["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    settings.CACHES = {"default": cache_from_url("")}
    if not os.environ.get("CACHE_URL"):
        # The test database was built by the migrations: the table is there already.
        assert settings.CACHE_TABLE in connection.introspection.table_names()
    migration = import_module("tandem.core.migrations.0001_cache_table")
    migration.create_cache_table(None, SimpleNamespace(connection=connection))  # idempotent
    assert settings.CACHE_TABLE in connection.introspection.table_names()
    cache.set("tandem-probe", {"n": 1}, 30)
    assert caches.create_connection("default").get("tandem-probe") == {"n": 1}


def test_cache_url_selects_redis_and_refuses_unknown_schemes():
    from django.core.exceptions import ImproperlyConfigured

    assert cache_from_url("redis://127.0.0.1:6379/1") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
        "KEY_PREFIX": "tandem",
    }
    with pytest.raises(ImproperlyConfigured):
        cache_from_url("memcached://127.0.0.1")


@pytest.mark.skipif(not os.environ.get("CACHE_URL"), reason="CACHE_URL (Redis) is not set")
def test_rate_limits_and_totp_replay_protection_work_on_redis(settings, fast_passwords):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from tests.core.test_second_factor import totp_code

    settings.CACHES = {
        "default": {
            **cache_from_url(os.environ["CACHE_URL"]),
            "KEY_PREFIX": f"tandem-test-{uuid.uuid4().hex}",
        }
    }
    assert "RedisCache" in type(caches["default"]).__name__
    user = with_totp(verified(UserFactory()))
    totp = TOTP(Authenticator.objects.get(user=user))
    code = totp_code()
    assert totp.validate_code(code)
    # A second process (another gunicorn worker) sees the code as used.
    assert not TOTP(Authenticator.objects.get(user=user)).validate_code(code)
    # Failed logins counted in Redis: two clients (think: two workers) share the count.
    first, second = Client(), Client()
    for _ in range(3):
        login(first, user.email, "falsch")
    for _ in range(2):
        login(second, user.email, "falsch")
    assert "Too many failed login attempts" in login(second, user.email, "falsch").content.decode()
    redis = caches["default"]._cache.get_client()
    assert redis.keys(f"{settings.CACHES['default']['KEY_PREFIX']}:*")


def test_behind_a_proxy_the_limit_counts_each_client_address(accounts, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # the production default
    spray = Client(HTTP_X_FORWARDED_FOR="192.0.2.10")
    for index in range(70):
        response = login(spray, f"person{index}@example.org", "Sommer2026!")
    assert "Too many failed login attempts" in response.content.decode()
    # Everybody else comes through the same proxy (same REMOTE_ADDR) from elsewhere.
    colleague = Client(HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert login(colleague, "colleague@ub.example.org", "richtiges-passwort-42").status_code == 302


def test_production_trusts_one_proxy_by_default():
    import subprocess
    import sys

    env = {**os.environ, "TANDEM_PRODUCTION": "1", "SECRET_KEY": "x" * 64}
    env.pop("TRUSTED_PROXY_COUNT", None)
    result = subprocess.run(
        [sys.executable, "-c", "import tandem.settings as s; print(s.ALLAUTH_TRUSTED_PROXY_COUNT)"],
        env={**env, "PYTHONPATH": "src"},
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "1", result.stderr
