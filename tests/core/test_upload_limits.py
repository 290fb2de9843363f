"""Requests beyond the platform's limits get a page that says so; fields their own message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from tandem.applications.models import Application
from tandem.recruitment.models import Candidate
from tests.conftest import manage_url

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def assert_too_big_page(response, back):
    assert response.status_code == 413
    page = response.content.decode()
    assert "Too much data" in page and "nothing has been saved" in page
    assert f'href="{back}"' in page


def test_an_upload_beyond_the_request_limit_gets_a_page(client, round, coordinator, settings):
    settings.TANDEM_MAX_UPLOAD_MB = 1
    client.force_login(coordinator)
    url = manage_url("application_import", round)
    response = client.post(
        url, {"file": SimpleUploadedFile("a.csv", b"a,b\n" * MB), "source": "LimeSurvey"}
    )
    assert_too_big_page(response, url)
    assert not Application.objects.exists()


def test_form_data_beyond_djangos_limit_gets_a_page_not_a_bare_400(
    client, round, coordinator, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    client.force_login(coordinator)
    url = manage_url("recruitment_candidates", round)
    response = client.post(
        url, {"name": "Eva", "email": "eva@example.org", "language": "de", "notes": "x" * 200_000}
    )
    assert_too_big_page(response, url)
    assert not Candidate.objects.exists()


def test_too_many_fields_get_the_same_page(client, round, coordinator):
    client.force_login(coordinator)
    url = manage_url("recruitment_candidates", round)
    data = {f"field{n}": "x" for n in range(1100)} | {"name": "Eva", "email": "e@example.org"}
    response = client.post(url, data)
    assert_too_big_page(response, url)
    assert not Candidate.objects.exists()


def test_the_page_is_in_german_for_german_speakers(client, round, coordinator, settings):
    settings.TANDEM_MAX_UPLOAD_MB = 1
    coordinator.language = "de"
    coordinator.save(update_fields=["language"])
    client.force_login(coordinator)
    response = client.post(
        manage_url("application_import", round),
        {"file": SimpleUploadedFile("a.csv", b"x" * (2 * MB))},
    )
    assert response.status_code == 413
    assert "Zu viele Daten" in response.content.decode()
    translation.activate("en")


def test_an_import_file_above_its_field_limit_gets_a_message_on_the_field(
    client, round, coordinator
):
    client.force_login(coordinator)
    response = client.post(
        manage_url("application_import", round),
        {"file": SimpleUploadedFile("a.csv", b"a,b\n" + b"x" * (5 * MB)), "source": "x"},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["file"] == ["The file is larger than 5 MB. Please split it."]


def test_requests_within_the_limits_pass(client, round, coordinator):
    client.force_login(coordinator)
    response = client.post(
        manage_url("recruitment_candidates", round),
        {"name": "Eva", "email": "eva@example.org", "language": "de", "notes": "x" * 1000},
    )
    assert response.status_code == 302
    assert Candidate.objects.exists()
