import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from tandem.applications.enums import ApplicationState
from tandem.applications.models import PRIVACY_NOTICE_VERSION, Application
from tandem.audit.models import AuditEntry
from tandem.programmes.enums import RoleKind
from tandem.programmes.models import RoundRole
from tests.conftest import verified
from tests.factories import UserFactory

from .conftest import travel_to
from .factories import ApplicationFactory, published_profile

pytestmark = pytest.mark.django_db
S = ApplicationState


@pytest.fixture(autouse=True)
def _published_call(round):
    # Applicants find the form through the published call (a non-public round: see below).
    round.is_public = True
    round.save()


@pytest.mark.parametrize("who", ["outsider", "foreign_coordinator"])
def test_unpublished_round_hides_its_form_from_strangers(client, round, people, in_window, who):
    round.is_public = False
    round.save()
    client.force_login(people[who])
    for name in ("application_apply", "application_withdraw"):
        response = client.get(url(round, name))
        assert response.status_code == 404
        assert round.name not in response.content.decode()
    assert not Application.objects.exists()


def test_unpublished_round_takes_applications_from_people_it_knows(
    client, round, people, in_window
):
    round.is_public = False
    round.save()
    for who in ("mentee", "coordinator"):
        client.force_login(people[who])
        assert client.get(url(round)).status_code == 200
    imported = ApplicationFactory(round=round, person=verified(UserFactory()))
    client.force_login(imported.person)
    assert client.get(url(round)).status_code == 200


def url(round, name="application_apply"):
    return reverse(f"portal:{name}", kwargs=round.url_kwargs)


def form_data(round, action="save", **overrides):
    topics = {t.key: t.pk for t in round.programme.topics.all()}
    values = {
        "action": action,
        "position": "Fachreferentin",
        "expectations": "Ich baue ein Publikationsmonitoring auf.",
        "topic_1": topics["publication_monitoring"],
        "topic_2": topics["data_sources"],
        "topic_3": "",
        "upcoming_projects": "OA-Monitoring 2027",
        "languages": ["de", "en"],
        "availability": "dienstags",
        "how_heard": "Mailingliste",
        "supervisor_informed": "yes",
        "consent": "on",
    }
    values.update(overrides)
    return values


@pytest.fixture
def applicant():
    # E-mails go out in German (the stored preference); pages are read in English
    # through the language switch cookie, which wins for the moment.
    return verified(UserFactory(language="de"))


@pytest.fixture
def client(client):
    client.cookies["django_language"] = "en"
    return client


def test_anonymous_is_sent_to_login(client, round):
    response = client.get(url(round))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_unknown_round_is_404(client, applicant):
    client.force_login(applicant)
    response = client.get(
        reverse(
            "portal:application_apply", kwargs={"org": "nope", "programme": "nope", "round": "nope"}
        )
    )
    assert response.status_code == 404


def test_missing_institution_sends_to_profile(client, round, in_window):
    person = verified(UserFactory(institution=None))
    client.force_login(person)
    response = client.get(url(round))
    assert response.status_code == 302
    # The profile sends the person back to the form once the institution is saved.
    assert response["Location"] == reverse("portal:profile") + "?next=" + url(round).replace(
        "/", "%2F"
    )


def test_before_and_after_the_window_there_is_no_form(client, round, window, applicant):
    with travel_to(window.starts_on - dt.timedelta(days=1)):
        client.force_login(applicant)
        response = client.get(url(round))
        assert response.status_code == 200
        assert b'name="expectations"' not in response.content
        assert "Applications open on" in response.content.decode()
        response = client.post(url(round), form_data(round, "submit"))
        assert response.status_code == 400
    with travel_to(window.ends_on + dt.timedelta(days=1)):
        client.force_login(applicant)
        response = client.get(url(round))
        assert b'name="expectations"' not in response.content
    assert not Application.objects.exists()


def test_full_flow_draft_submit_edit_withdraw(
    client, round, in_window, applicant, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    response = client.get(url(round))
    assert response.status_code == 200
    assert PRIVACY_NOTICE_VERSION in response.content.decode()

    # a draft may be incomplete
    response = client.post(url(round), form_data(round, expectations="", consent=""))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.state == S.DRAFT
    assert application.consent_at is None
    assert not RoundRole.objects.filter(person=applicant).exists()

    # submitting needs the core fields
    response = client.post(url(round), form_data(round, "submit", expectations="", consent=""))
    assert response.status_code == 400
    assert b"Please describe your expectations" in response.content
    assert Application.objects.get().state == S.DRAFT

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(round), form_data(round, "submit"))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == S.SUBMITTED
    assert application.privacy_notice_version == PRIVACY_NOTICE_VERSION
    assert [t.key for t in application.ranked_topics] == ["publication_monitoring", "data_sources"]
    assert application.languages == ["de", "en"]
    assert application.institution == applicant.institution
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [applicant.email]
    assert "Bewerbung" in mail.outbox[0].subject  # the person's language: German
    assert RoundRole.objects.filter(person=applicant, role=RoleKind.MENTEE).exists()

    # edit until the deadline; it stays submitted
    response = client.post(url(round), form_data(round, expectations="Neu formuliert"))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.expectations == "Neu formuliert"
    assert application.state == S.SUBMITTED

    # withdraw needs a confirmation
    response = client.post(url(round, "application_withdraw"), {})
    assert response.status_code == 400
    response = client.post(url(round, "application_withdraw"), {"confirm": "yes"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == S.WITHDRAWN
    assert not RoundRole.objects.filter(person=applicant).exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "application.created",
        "application.submitted",
        "application.updated",
        "application.withdrawn",
    } <= actions

    # re-open as a draft while the window is open
    response = client.post(url(round, "application_reopen"))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == S.DRAFT


def test_duplicate_topics_are_refused(client, round, in_window, applicant):
    client.force_login(applicant)
    data = form_data(round, "submit")
    data["topic_2"] = data["topic_1"]
    response = client.post(url(round), data)
    assert response.status_code == 400
    assert b"You have chosen this topic already" in response.content
    assert not Application.objects.exists()


def test_late_edit_is_refused_and_nothing_changes(client, round, window, applicant):
    application = ApplicationFactory(round=round, person=applicant, expectations="alt")
    with travel_to(window.ends_on + dt.timedelta(days=1)):
        client.force_login(applicant)
        response = client.post(url(round), form_data(round, expectations="zu spät"))
        assert response.status_code == 400
        assert b"alt" in response.content  # the saved application is shown read-only
    application.refresh_from_db()
    assert application.expectations == "alt"


def test_preferred_mentors_from_mentor_roles(client, round, in_window, applicant, people):
    client.force_login(applicant)
    response = client.get(url(round))
    assert b'name="mentor_1"' not in response.content  # nobody published a profile yet
    published_profile(round, people["mentor"])
    response = client.get(url(round))
    assert b'name="mentor_1"' in response.content
    data = form_data(round, "submit", mentor_1=people["mentor"].pk)
    response = client.post(url(round), data)
    assert response.status_code == 302
    assert Application.objects.get().ranked_mentors == [people["mentor"]]
    # someone without a published profile cannot be chosen
    response = client.post(url(round), form_data(round, mentor_1=people["outsider"].pk))
    assert response.status_code == 400


def test_mentor_of_the_round_gets_no_form(client, round, in_window, people):
    client.force_login(people["mentor"])
    response = client.get(url(round))
    assert response.status_code == 200
    assert b'name="expectations"' not in response.content
    response = client.post(url(round), form_data(round, "submit"))
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_withdraw_of_someone_without_application_is_404(client, round, people):
    ApplicationFactory(round=round)
    client.force_login(people["outsider"])
    assert client.get(url(round, "application_withdraw")).status_code == 404
    assert client.post(url(round, "application_withdraw"), {"confirm": "yes"}).status_code == 404
    assert Application.objects.get().state == S.SUBMITTED
