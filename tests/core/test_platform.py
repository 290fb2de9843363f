import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tandem.programmes.models import Institution, Organisation, Round, RoundRole

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_home_page_for_anonymous_and_redirect_for_people(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Tandem" in response.content.decode()
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get("/").url == reverse("portal:dashboard")


@pytest.mark.django_db
def test_security_headers_are_sent(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_static_assets_come_from_the_app_not_a_cdn(client):
    html = client.get("/").content.decode()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html
    assert "/static/django_htmx/htmx-2.min.js" in html
    assert "cdn" not in html.lower()
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/bootstrap/bootstrap.min.css")
    assert finders.find("django_htmx/htmx-2.min.js")


@pytest.mark.django_db
def test_demo_builds_the_pilot_round_and_is_idempotent(capsys):
    call_command("demo", "--stage", "setup")
    lines = capsys.readouterr().out.strip().splitlines()
    assert {line.split()[0] for line in lines} == {"coordinator", "trainer", "mentor"}
    call_command("demo", "--stage", "applications")
    call_command("demo", "--stage", "applications")
    lines = capsys.readouterr().out.strip().splitlines()
    roles = [line.split()[0] for line in lines[: len(lines) // 2]]
    assert roles.count("mentor") == 5
    assert roles.count("mentee") > 5  # more applicants than places
    assert Organisation.objects.count() == 1
    round = Round.objects.get()
    assert round.current_phase == "applications"
    assert RoundRole.objects.filter(round=round, role="mentor").count() == 5
    mentor_types = set(
        Institution.objects.filter(people__round_roles__role="mentor").values_list(
            "type", flat=True
        )
    )
    assert {"university", "university_of_applied_sciences", "research_institute"} <= mentor_types
    # Demo accounts log in like everyone else.
    email, password = lines[0].split()[1:]
    from django.test import Client

    client = Client()
    assert (
        client.post(reverse("account_login"), {"login": email, "password": password}).status_code
        == 302
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        **os.environ,
        "TANDEM_PRODUCTION": "1",
        "SECRET_KEY": "x" * 64 + "-production-secret-for-the-check",
        "ALLOWED_HOSTS": "tandem.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
    }
    # The browser tests set this for their own thread; a deployment never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "TANDEM_PRODUCTION": "1", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
