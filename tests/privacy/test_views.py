import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.audit.models import AuditEntry
from tandem.people.services import ERASED_NAME
from tandem.programmes.enums import RoleKind
from tandem.recruitment.models import MentorProfile
from tandem.tandems.models import Tandem
from tests.applications.factories import ApplicationFactory
from tests.factories import RoundFactory, RoundRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("portal:my_data")
DOWNLOAD = reverse("portal:my_data_download")
DELETE = reverse("portal:delete_account")
DELETED = reverse("portal:account_deleted")
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory


def erase_data(**overrides):
    return {"confirm": "on", "password": PASSWORD, **overrides}


@pytest.mark.parametrize("method, url", [("get", PAGE), ("post", DOWNLOAD), ("post", DELETE)])
def test_anonymous_is_sent_to_login(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_page_explains_and_counts_only_ones_own_data(client, scenario):
    client.force_login(scenario.person)
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Who can see it" in html
    assert '<th scope="col">' in html
    assert "deleted 6 months after a round ends" in html
    assert 'name="password"' in html
    assert "OTHER" not in html and scenario.other.email not in html


def test_the_dashboard_links_to_the_page(client):
    client.force_login(UserFactory())
    assert f'href="{PAGE}"' in client.get(reverse("portal:dashboard")).content.decode()


@pytest.mark.parametrize(
    "who", ["coordinator", "trainer", "mentor", "mentee", "outsider", "foreign_coordinator"]
)
def test_everyone_downloads_their_own_data_only(client, people, who):
    person = people[who]
    client.force_login(person)
    response = client.post(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="tandem-my-data-')
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["account"]["email"] == person.email
    others = [p.email for key, p in people.items() if key != who]
    assert not any(email in response.content.decode() for email in others)
    assert AuditEntry.objects.filter(action="privacy.data_exported", actor=person).count() == 1


def test_the_download_holds_everything_and_nothing_of_others(client, scenario):
    client.force_login(scenario.person)
    data = json.loads(client.post(DOWNLOAD).content)
    assert data["applications"][0]["expectations"] == "Monitoring aufbauen"
    assert data["mentor_profiles"] and data["mentor_candidacies"]
    assert "OTHER" not in json.dumps(data)


def test_the_download_is_not_a_link_to_follow(client):
    client.force_login(UserFactory())
    assert client.get(DOWNLOAD).status_code == 405
    assert not AuditEntry.objects.filter(action="privacy.data_exported").exists()


def test_deleting_the_account(client, scenario):
    person = scenario.person
    client.force_login(person)
    response = client.post(DELETE, erase_data())
    assert response.status_code == 302
    assert response["Location"] == DELETED
    page = client.get(DELETED)
    assert page.status_code == 200
    assert "Your account has been deleted" in page.content.decode()
    # logged out, and the confirmation shows once only
    assert client.get(reverse("portal:dashboard")).status_code == 302
    assert client.get(DELETED)["Location"] == reverse("home")
    person.refresh_from_db()
    assert person.name == ERASED_NAME and not person.is_active
    assert not MentorProfile.objects.filter(person=person).exists()
    assert not client.login(email="petra@example.org", password=PASSWORD)


@pytest.mark.parametrize(
    "data, field, message",
    [
        (erase_data(password="wrong"), "password", "This password is not correct."),
        (erase_data(password=""), "password", "Please enter your password."),
        (erase_data(confirm=""), "confirm", "Please tick the box to confirm."),
    ],
)
def test_a_wrong_answer_deletes_nothing(client, scenario, data, field, message):
    person = scenario.person
    client.force_login(person)
    response = client.post(DELETE, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert PASSWORD not in html
    person.refresh_from_db()
    assert person.is_active and person.name == "Petra Person"
    assert MentorProfile.objects.filter(person=person).exists()
    assert not AuditEntry.objects.filter(action="privacy.person_erased").exists()
    # still logged in
    assert client.get(PAGE).status_code == 200


def test_password_guessing_is_slowed_down(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"reauthenticate": "2/m/user"}
    person = UserFactory()
    client.force_login(person)
    for _attempt in range(2):
        client.post(DELETE, erase_data(password="guess"))
    response = client.post(DELETE, erase_data())
    assert response.status_code == 400
    assert "Too many attempts" in response.content.decode()
    person.refresh_from_db()
    assert person.is_active


def test_an_account_without_password_confirms_with_its_address(client):
    person = UserFactory(email="imported@example.org")
    person.set_unusable_password()
    person.save()
    client.force_login(person)
    assert 'name="email"' in client.get(PAGE).content.decode()
    response = client.post(DELETE, {"confirm": "on", "email": "someone@example.org"})
    assert response.status_code == 400
    assert "This is not the address of your account." in response.content.decode()
    assert get_user_model().objects.get(pk=person.pk).is_active
    response = client.post(DELETE, {"confirm": "on", "email": "Imported@Example.org"})
    assert response.status_code == 302
    assert not get_user_model().objects.get(pk=person.pk).is_active


def test_the_only_coordinator_is_told_why_not(client, round, coordinator):
    client.force_login(coordinator)
    html = client.get(PAGE).content.decode()
    assert "You are the only coordinator of" in html
    assert round.programme.organisation.name in html
    assert 'action="' + DELETE not in html
    response = client.post(DELETE, erase_data())
    assert response.status_code == 400
    assert "only coordinator" in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.is_active


def test_the_confirmation_page_needs_a_deletion(client):
    assert client.get(DELETED)["Location"] == reverse("home")


def test_the_page_needs_the_same_queries_for_one_round_or_many(client):
    """One count per kind of data (bench/profile_pages.py: 34 with the demo), never one per
    row: a person with many rounds behind them must not make the page slower."""
    person = UserFactory()
    client.force_login(person)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PAGE).status_code == 200
        return len(captured)

    def take_part():
        programme_round = RoundFactory()
        RoundRoleFactory(round=programme_round, person=person, role=RoleKind.MENTEE)
        ApplicationFactory(round=programme_round, person=person)
        Tandem.objects.create(round=programme_round, mentor=UserFactory(), mentee=person)

    take_part()
    one = queries()
    for _ in range(3):
        take_part()
    assert queries() == one
