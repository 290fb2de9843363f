import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.alumni.directory import leave_directory, save_directory_entry
from tandem.alumni.models import DirectoryEntry
from tandem.privacy.registry import declared_models
from tests.factories import RoundFactory, RoundRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(round, name="alumni_directory"):
    programme = round.programme
    return reverse(
        f"portal:{name}", kwargs={"org": programme.organisation.slug, "programme": programme.slug}
    )


def test_an_alumnus_joins_edits_and_leaves(closed, client, round):
    topic = closed["topics"]["diamond_oa"]
    client.force_login(closed["mentee"])
    response = client.post(url(round), {"topics": [topic.pk], "share_contact": "on", "contact": ""})
    assert response.status_code == 400  # agreed to share a contact but gave none
    assert not DirectoryEntry.objects.exists()
    response = client.post(
        url(round), {"topics": [topic.pk], "share_contact": "on", "contact": "max@example.org"}
    )
    assert response.status_code == 302
    entry = DirectoryEntry.objects.get()
    assert list(entry.topics.all()) == [topic] and entry.contact == "max@example.org"
    assert client.post(url(round, "alumni_directory_leave")).status_code == 302
    assert not DirectoryEntry.objects.exists()


def test_contact_is_shown_only_if_agreed_and_search_by_topic(closed, client, round):
    topics = closed["topics"]
    save_directory_entry(
        programme=round.programme,
        person=closed["mentee"],
        topics=[topics["diamond_oa"]],
        share_contact=False,
        contact="geheim@example.org",
    )
    save_directory_entry(
        programme=round.programme,
        person=closed["mentor"],
        topics=[topics["bibliometric_analysis"]],
        share_contact=True,
        contact="mona@example.org",
    )
    client.force_login(closed["mentor"])
    text = client.get(url(round)).content.decode()
    assert "mona@example.org" in text and "geheim@example.org" not in text
    assert closed["mentee"].get_full_name() in text
    assert round.name in text  # the rounds of each alumnus
    text = client.get(url(round) + f"?topic={topics['diamond_oa'].pk}").content.decode()
    assert closed["mentee"].get_full_name() in text
    assert closed["mentor"].get_full_name() not in text.split("<h1")[1]
    # A malformed search is no error: it shows everyone.
    assert client.get(url(round) + "?topic=abc").status_code == 200


def test_current_participants_see_the_directory_but_have_no_entry(closed, client, round):
    newcomer = UserFactory()
    RoundRoleFactory(round=RoundFactory(programme=round.programme), person=newcomer, role="mentee")
    client.force_login(newcomer)
    assert client.get(url(round)).status_code == 200
    assert client.post(url(round), {"contact": ""}).status_code == 404
    assert not DirectoryEntry.objects.exists()
    with pytest.raises(ValidationError):
        save_directory_entry(
            programme=round.programme, person=newcomer, topics=[], share_contact=False, contact=""
        )


@pytest.mark.parametrize("role", ["coordinator", "trainer", "outsider", "foreign_coordinator"])
def test_others_get_404(closed, client, round, role):
    # The quiet tandem's members took part in a closed round without meeting: no alumni.
    client.force_login(closed[role])
    assert client.get(url(round)).status_code == 404
    client.force_login(closed["quiet_mentee"])
    assert client.get(url(round)).status_code == 404


def test_leaving_without_an_entry_is_harmless(closed, round):
    assert leave_directory(programme=round.programme, person=closed["mentee"]) is False


def test_the_directory_is_declared_personal_data():
    assert {
        "alumni.directoryentry",
        "alumni.certificate",
        "alumni.alumnus",
        "alumni.tandemcompletion",
    } <= declared_models()


def test_the_round_page_links_the_directory_for_participants(closed, client):
    newcomer = UserFactory()
    later = RoundFactory(programme=closed["tandem"].round.programme)
    RoundRoleFactory(round=later, person=newcomer, role="mentee")
    client.force_login(newcomer)
    client.cookies["django_language"] = "de"
    page = reverse("portal:round", kwargs=later.url_kwargs)
    assert url(later) in client.get(page).content.decode()
    text = client.get(url(later)).content.decode()
    assert "Alumni-Verzeichnis" in text and "Noch niemand ist eingetragen." in text
