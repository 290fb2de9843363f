import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tandem.recruitment.models import MentorProfile
from tests.conftest import portal_url

from .factories import MentorProfileFactory

pytestmark = pytest.mark.django_db


def profile_data(round, **overrides):
    topics = {t.key: t for t in round.programme.topics.all()}
    data = {
        "presentation": "Ich leite das Publikationsmonitoring.",
        "experience": "Seit 2015",
        "capacity": "2",
        "languages": ["de", "en"],
        "weekdays": ["tue"],
        "availability": "vormittags",
        "video_url": "https://video.example.org/me",
        "publish_in_gallery": "on",
        f"topic_{topics['publication_monitoring'].pk}": "3",
        f"topic_{topics['data_sources'].pk}": "2",
    }
    data.update(overrides)
    return data


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_mentor_fills_profile(login, round, people):
    client = login(people["mentor"])
    url = portal_url("recruitment_profile", round)
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["capacity"] == round.mentor_capacity
    data = profile_data(round)
    data["photo"] = SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")
    data["slides"] = SimpleUploadedFile(
        "talk.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf"
    )
    response = client.post(url, data)
    assert response.status_code == 302
    profile = MentorProfile.objects.get(person=people["mentor"])
    assert profile.capacity == 2 and profile.publish_in_gallery
    assert {(lv.topic.key, lv.level) for lv in profile.levels.all()} == {
        ("publication_monitoring", 3),
        ("data_sources", 2),
    }
    assert profile.photo and profile.slides
    # Editing again keeps the files unless removal is asked for.
    page = client.get(url)
    assert page.context["form"].initial["presentation"].startswith("Ich leite")
    response = client.post(url, profile_data(round, remove_slides="on"))
    profile.refresh_from_db()
    assert profile.photo and not profile.slides


@pytest.mark.parametrize("bad", ["no_topic", "not_pdf", "huge_pdf", "no_language", "capacity"])
def test_profile_bad_input_is_400_and_keeps_the_saved_profile(login, round, people, bad):
    saved = MentorProfileFactory(round=round, person=people["mentor"], presentation="Alt")
    data = profile_data(round, presentation="Neu")
    if bad == "no_topic":
        data = {k: v for k, v in data.items() if not k.startswith("topic_")}
    elif bad == "not_pdf":
        data["slides"] = SimpleUploadedFile(
            "talk.pdf", b"GIF89a...", content_type="application/pdf"
        )
    elif bad == "huge_pdf":
        data["slides"] = SimpleUploadedFile("talk.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024 + 1))
    elif bad == "no_language":
        data["languages"] = []
    elif bad == "capacity":
        data["capacity"] = "zwei"
    response = login(people["mentor"]).post(portal_url("recruitment_profile", round), data)
    assert response.status_code == 400
    assert "alert-danger" in response.content.decode()
    saved.refresh_from_db()
    assert saved.presentation == "Alt"


@pytest.mark.parametrize(
    "role", ["mentee", "trainer", "coordinator", "outsider", "foreign_coordinator"]
)
def test_profile_page_only_for_mentors(login, round, people, role):
    url = portal_url("recruitment_profile", round)
    client = login(people[role])
    assert client.get(url).status_code == 404
    assert client.post(url, profile_data(round)).status_code == 404
    assert not MentorProfile.objects.exists()


def test_profile_page_sends_anonymous_to_login(client, round):
    response = client.get(portal_url("recruitment_profile", round))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_org_coordinator_has_no_own_mentor_profile(login, round, coordinator):
    assert login(coordinator).get(portal_url("recruitment_profile", round)).status_code == 404


@pytest.mark.parametrize("role", ["mentor", "mentee"])
@pytest.mark.parametrize("language", ["de", "en"])
def test_supervisor_letter_for_participants(login, round, people, role, language):
    client = login(people[role])
    url = portal_url("recruitment_supervisor_letter", round)
    assert client.get(url).status_code == 200
    response = client.get(url, {"language": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]


def test_supervisor_letter_bad_language_is_400(login, round, people):
    response = login(people["mentor"]).get(
        portal_url("recruitment_supervisor_letter", round), {"language": "fr"}
    )
    assert response.status_code == 400


@pytest.mark.parametrize("role", ["trainer", "coordinator", "outsider", "foreign_coordinator"])
def test_supervisor_letter_not_for_others(login, round, people, role):
    response = login(people[role]).get(
        portal_url("recruitment_supervisor_letter", round), {"language": "de"}
    )
    assert response.status_code == 404


def test_supervisor_letter_sends_anonymous_to_login(client, round):
    response = client.get(portal_url("recruitment_supervisor_letter", round))
    assert response.status_code == 302
