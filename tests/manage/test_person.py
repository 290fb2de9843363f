"""The person page of the manage area: one person as their organisation's coordinators see
them, with an audit entry for every opening (issue 16)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tandem.audit.models import AuditEntry
from tandem.programmes.enums import RoleKind
from tandem.tandems.models import Agreement, Tandem
from tests.applications.factories import ApplicationFactory
from tests.conftest import manage_url
from tests.factories import (
    InstitutionFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RoundFactory,
    RoundRoleFactory,
    UserFactory,
)
from tests.recruitment.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db

EXPECTATIONS = "Geheime Erwartungen an das Mentoring"
GOALS = "Geheime Ziele des Tandems"


def person_url(organisation, person):
    return reverse("manage:person", kwargs={"org": organisation.slug, "person": person.pk})


@pytest.fixture
def mentee(round, people):
    person = people["mentee"]
    person.name = "Mia Mentee"
    person.position = "Bibliothekarin"
    person.institution = InstitutionFactory(name="Universitätsbibliothek Kiel")
    person.save()
    ApplicationFactory(round=round, person=person, expectations=EXPECTATIONS)
    tandem = Tandem.objects.create(round=round, mentor=people["mentor"], mentee=person)
    Agreement.objects.create(tandem=tandem, goals=GOALS)
    return person


def test_the_coordinator_sees_who_the_person_is_and_where_they_take_part(
    login, round, coordinator, people, mentee
):
    organisation = round.programme.organisation
    people["mentor"].name = "Max Mentor"
    people["mentor"].save()
    page = login(coordinator).get(person_url(organisation, mentee)).content.decode()
    for shown in ("Mia Mentee", mentee.email, "Universitätsbibliothek Kiel", "Bibliothekarin"):
        assert shown in page
    assert "Mentee" in page
    assert manage_url("round_roles", round) in page
    application = mentee.applications.get()
    assert manage_url("application_detail", round, pk=application.pk) in page
    assert "mentee of Max Mentor" in page
    assert manage_url("tandems", round) in page
    # The answers live on the (audited) application page; a tandem's content never shows.
    assert EXPECTATIONS not in page
    assert GOALS not in page


def test_a_mentor_profile_of_the_organisation_is_listed_with_a_link(login, round, coordinator):
    organisation = round.programme.organisation
    profile = MentorProfileFactory(round=round, publish_in_gallery=False)
    page = login(coordinator).get(person_url(organisation, profile.person)).content.decode()
    assert manage_url("recruitment_profiles", round) in page
    assert "not shown in the mentor gallery" in page
    assert profile.presentation not in page


def test_opening_the_page_writes_an_audit_entry_without_text(login, round, coordinator, mentee):
    organisation = round.programme.organisation
    login(coordinator).get(person_url(organisation, mentee))
    entry = AuditEntry.objects.get(action="person.viewed")
    assert entry.actor == coordinator
    assert (entry.object_type, entry.object_id) == ("people.user", str(mentee.pk))
    assert entry.organisation_id == organisation.pk
    assert entry.created_at is not None
    assert entry.data == {}
    # The organisation's audit page lists it for its coordinators.
    log = login(coordinator).get(
        reverse("manage:organisation_audit_log", kwargs={"org": organisation.slug})
    )
    assert "person.viewed" in log.content.decode()


def test_a_person_outside_the_organisations_rounds_is_not_found(login, round, coordinator, people):
    organisation = round.programme.organisation
    elsewhere = UserFactory()
    other_round = RoundFactory(programme=ProgrammeFactory(organisation=OrganisationFactory()))
    RoundRoleFactory(round=other_round, person=elsewhere, role=RoleKind.MENTEE)
    ApplicationFactory(round=other_round, person=elsewhere)
    client = login(coordinator)
    for person in (people["outsider"], people["foreign_coordinator"], elsewhere):
        assert client.get(person_url(organisation, person)).status_code == 404
    missing = reverse("manage:person", kwargs={"org": organisation.slug, "person": 999999})
    assert client.get(missing).status_code == 404
    assert not AuditEntry.objects.filter(action="person.viewed").exists()


@pytest.mark.parametrize(
    "who", ["coordinator", "trainer", "mentor", "mentee", "outsider", "foreign_coordinator"]
)
def test_only_the_organisations_coordinators_open_it(login, round, people, mentee, who):
    # "coordinator" holds the round's coordinator role, not the organisation's: a round's
    # staff see its people in its own lists, not a person across the organisation.
    url = person_url(round.programme.organisation, people["mentor"])
    assert login(people[who]).get(url).status_code == 404
    assert not AuditEntry.objects.filter(action="person.viewed").exists()


def test_anonymous_visitors_are_sent_to_the_login(client, round, mentee):
    response = client.get(person_url(round.programme.organisation, mentee))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_people_lists_link_to_the_page_for_the_organisations_coordinators(
    login, round, coordinator, people, mentee
):
    url = person_url(round.programme.organisation, mentee)
    client = login(coordinator)
    assert url in client.get(manage_url("round_roles", round)).content.decode()
    assert url in client.get(manage_url("application_list", round)).content.decode()
    application = mentee.applications.get()
    detail = client.get(manage_url("application_detail", round, pk=application.pk))
    assert url in detail.content.decode()
    profile = MentorProfileFactory(round=round, person=people["mentor"])
    profiles = client.get(manage_url("recruitment_profiles", round)).content.decode()
    assert person_url(round.programme.organisation, profile.person) in profiles
    # The round's own coordinator has the lists but not the page: no link to a 404.
    roles = login(people["coordinator"]).get(manage_url("round_roles", round)).content.decode()
    assert "/people/" not in roles


def test_the_page_reads_german(login, round, coordinator, mentee):
    coordinator.language = "de"
    coordinator.save(update_fields=["language"])
    page = login(coordinator).get(person_url(round.programme.organisation, mentee))
    text = page.content.decode()
    with translation.override("de"):
        for words in ("Rollen", "Bewerbungen", "Mentor*innen-Profile", "Tandems", "Mentee von"):
            assert words in text
        assert "Das Öffnen dieser Seite wird im Protokoll festgehalten." in text
    assert "Opening this page" not in text


def test_the_queries_do_not_grow_with_the_rounds(login, round, coordinator, mentee, people):
    organisation = round.programme.organisation
    client = login(coordinator)
    url = person_url(organisation, mentee)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    one = queries()
    for _ in range(4):
        later = RoundFactory(programme=round.programme)
        RoundRoleFactory(round=later, person=mentee, role=RoleKind.MENTEE)
        ApplicationFactory(round=later, person=mentee)
        MentorProfileFactory(round=later, person=mentee)
        Tandem.objects.create(round=later, mentor=people["mentor"], mentee=mentee)
    assert queries() == one
