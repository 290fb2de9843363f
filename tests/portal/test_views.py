import pytest
from django.urls import reverse

from tandem.programmes.models import Institution
from tests.factories import InstitutionFactory, RoundRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_dashboard_needs_login(client):
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_dashboard_lists_own_rounds_only(client, round, people):
    from tests.factories import RoundFactory

    other = RoundFactory(name="Fremder Durchlauf")
    client.force_login(people["mentor"])
    html = client.get(reverse("portal:dashboard")).content.decode()
    assert round.name in html
    assert other.name not in html
    assert "Manage round" not in html


def test_dashboard_asks_for_a_complete_profile(client):
    person = UserFactory(name="", institution=None)
    client.force_login(person)
    html = client.get(reverse("portal:dashboard")).content.decode()
    assert "Please complete your profile" in html


def test_profile_creates_an_institution_once(client):
    person = UserFactory(institution=None)
    client.force_login(person)
    url = reverse("portal:profile")
    data = {
        "name": "Laura Becker",
        "position": "OA",
        "language": "en",
        "institution_name": "Universitätsbibliothek Seestadt",
        "institution_type": "university",
        "institution_size": "medium",
    }
    assert client.post(url, data).status_code == 302
    other = UserFactory(institution=None)
    client.force_login(other)
    data = {
        **data,
        "institution_name": "UB  Seestadt",
        "institution_type": "",
        "institution_size": "",
    }
    assert client.post(url, data).status_code == 302
    assert Institution.objects.filter(name__contains="Seestadt").count() == 1
    other.refresh_from_db()
    assert other.institution.name == "Universitätsbibliothek Seestadt"


def test_profile_with_a_new_institution_but_no_type_shows_the_error_at_the_field(client):
    person = UserFactory(name="Alt")
    client.force_login(person)
    response = client.post(
        reverse("portal:profile"),
        {"name": "Neu", "language": "de", "institution_name": "Bibliothek Neuland"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_institution_type_error"' in html
    assert "please choose its type" in html
    person.refresh_from_db()
    assert person.name == "Alt"
    assert not Institution.objects.filter(name="Bibliothek Neuland").exists()


def test_institution_search_as_you_type(client):
    InstitutionFactory(name="Universitätsbibliothek Lindenau")
    client.force_login(UserFactory())
    url = reverse("portal:institution_search")
    partial = client.get(url, {"institution_name": "ub linden"}, HTTP_HX_REQUEST="true")
    assert "Universitätsbibliothek Lindenau" in partial.content.decode()
    assert "<html" not in partial.content.decode()
    page = client.get(url, {"q": "lindenau"})
    assert "<html" in page.content.decode()
    assert "Universitätsbibliothek Lindenau" in page.content.decode()
    client.logout()
    assert client.get(url, {"q": "lindenau"}).status_code == 302


@pytest.mark.parametrize("who", ["mentor", "mentee", "trainer", "coordinator"])
def test_participants_see_their_round_page(client, round, people, who):
    client.force_login(people[who])
    response = client.get(reverse("portal:round", kwargs=round.url_kwargs))
    assert response.status_code == 200
    assert round.name in response.content.decode()


@pytest.mark.parametrize("who", ["outsider", "foreign_coordinator"])
def test_others_get_404_for_a_round_page(client, round, people, who):
    client.force_login(people[who])
    response = client.get(reverse("portal:round", kwargs=round.url_kwargs))
    assert response.status_code == 404
    assert round.name not in response.content.decode()


def test_organisation_coordinator_sees_the_round_page(client, round, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("portal:round", kwargs=round.url_kwargs)).status_code == 200


@pytest.mark.parametrize("rows", [1, 15])
def test_dashboard_query_count_does_not_grow_with_rounds(
    client, rows, django_assert_max_num_queries
):
    person = UserFactory()
    for _ in range(rows):
        RoundRoleFactory(person=person, role="mentee")
    client.force_login(person)
    # The participant's questions (tandems, meetings, polls, agreements, drafts, proposals,
    # mentor profiles, open calls) each ask once for all rounds.
    # Fixed: the training invitations and consultation rounds add two, for any number;
    # the evaluation's interviews and feedback invitations two more; surveys waiting one;
    # role invitations to the person's confirmed addresses one.
    with django_assert_max_num_queries(24):
        response = client.get(reverse("portal:dashboard"))
    assert len(response.context["entries"]) == rows


def test_language_switch_sets_cookie_and_remembers_choice(client):
    person = UserFactory(language="de")
    client.force_login(person)
    response = client.post(reverse("switch_language"), {"language": "en", "next": "/me/"})
    assert response.status_code == 302
    assert response.url == "/me/"
    assert response.cookies["django_language"].value == "en"
    person.refresh_from_db()
    assert person.language == "en"
    response = client.post(
        reverse("switch_language"), {"language": "fr", "next": "https://evil.example/"}
    )
    assert response.url == "/"
