import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from tandem.mail.enums import MailStatus
from tandem.mail.models import MailTemplate, QueuedMail
from tandem.recruitment import services
from tandem.recruitment.enums import CandidateStatus
from tandem.recruitment.models import Candidate, InfoEvent
from tests.conftest import DENIED_ROLES, manage_url, verified
from tests.factories import UserFactory

from .factories import CandidateFactory, InfoEventFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db

GET_PAGES = ["recruitment_candidates", "recruitment_outbox", "recruitment_info_event"]


@pytest.mark.parametrize("name", GET_PAGES)
def test_coordinator_pages_for_coordinators(login, round, coordinator, people, name):
    CandidateFactory(round=round, name="Eva Brandt", notes="geheime Notiz")
    for user in (coordinator, people["coordinator"]):
        response = login(user).get(manage_url(name, round))
        assert response.status_code == 200


# The trainer may read the profiles (tested separately), so that one pair is not denied.
DENIED_PAIRS = [
    (name, role)
    for name in GET_PAGES + ["recruitment_profiles"]
    for role in DENIED_ROLES
    if (name, role) != ("recruitment_profiles", "trainer")
]


@pytest.mark.parametrize(("name", "role"), DENIED_PAIRS)
def test_coordinator_pages_are_404_for_others(login, round, people, name, role):
    CandidateFactory(round=round, name="Eva Brandt", notes="geheime Notiz")
    response = login(people[role]).get(manage_url(name, round))
    assert response.status_code == 404
    assert b"geheime Notiz" not in response.content


@pytest.mark.parametrize("name", GET_PAGES + ["recruitment_profiles"])
def test_coordinator_pages_send_anonymous_to_login(client, round, name):
    response = client.get(manage_url(name, round))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_coordinator_without_second_factor_is_sent_to_set_it_up(login, round):
    user = verified(UserFactory())
    round.programme.organisation.coordinators.add(user)
    response = login(user).get(manage_url("recruitment_candidates", round))
    assert response.status_code == 302 and "totp" in response["Location"]


def test_add_candidate(login, round, coordinator):
    topic = round.programme.topics.get(key="publication_monitoring")
    response = login(coordinator).post(
        manage_url("recruitment_candidates", round),
        {
            "name": "Eva Brandt",
            "email": "eva@example.org",
            "institution": "UB Seestadt",
            "topics": [topic.pk],
            "notes": "BiblioCon",
            "language": "de",
        },
    )
    assert response.status_code == 302
    candidate = Candidate.objects.get()
    assert list(candidate.topics.all()) == [topic]


def test_add_candidate_bad_input_is_400_with_message(login, round, coordinator):
    CandidateFactory(round=round, email="eva@example.org")
    client = login(coordinator)
    response = client.post(
        manage_url("recruitment_candidates", round),
        {"name": "", "email": "no-address", "language": "de"},
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    response = client.post(
        manage_url("recruitment_candidates", round),
        {"name": "Eva", "email": "EVA@example.org", "language": "de", "topics": ["99999"]},
    )
    assert response.status_code == 400
    response = client.post(
        manage_url("recruitment_candidates", round),
        {"name": "Eva", "email": "EVA@example.org", "language": "de"},
    )
    assert response.status_code == 400
    assert "already on the candidate list" in response.content.decode()
    assert Candidate.objects.count() == 1


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_others_cannot_add_candidates(login, round, people, role):
    response = login(people[role]).post(
        manage_url("recruitment_candidates", round),
        {"name": "X", "email": "x@example.org", "language": "de"},
    )
    assert response.status_code == 404
    assert not Candidate.objects.exists()


def test_candidate_list_query_count(login, round, coordinator, django_assert_max_num_queries):
    client = login(coordinator)
    topics = list(round.programme.topics.all()[:3])
    CandidateFactory(round=round).topics.set(topics)
    with django_assert_max_num_queries(20) as one:
        client.get(manage_url("recruitment_candidates", round))
    for _ in range(15):
        CandidateFactory(round=round).topics.set(topics)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(manage_url("recruitment_candidates", round))
    assert response.content.decode().count('name="candidates"') == 16


def test_edit_candidate(login, round, coordinator):
    candidate = CandidateFactory(round=round)
    client = login(coordinator)
    url = manage_url("recruitment_candidate_edit", round, candidate=candidate.pk)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"name": "Neu", "email": candidate.email, "language": "en", "notes": "angerufen"}
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.name == "Neu" and candidate.language == "en"


def test_candidate_of_another_round_is_404(login, round, coordinator):
    other = CandidateFactory()
    url = manage_url("recruitment_candidate_edit", round, candidate=other.pk)
    assert login(coordinator).get(url).status_code == 404
    assert (
        login(coordinator)
        .post(url, {"name": "X", "email": "x@example.org", "language": "de"})
        .status_code
        == 404
    )
    other.refresh_from_db()
    assert other.name != "X"


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_others_cannot_edit_candidates(login, round, people, role):
    candidate = CandidateFactory(round=round)
    url = manage_url("recruitment_candidate_edit", round, candidate=candidate.pk)
    assert (
        login(people[role])
        .post(url, {"name": "X", "email": "x@example.org", "language": "de"})
        .status_code
        == 404
    )
    candidate.refresh_from_db()
    assert candidate.name != "X"


def test_invite_and_send_all(login, round, coordinator, django_capture_on_commit_callbacks):
    first, second = CandidateFactory(round=round), CandidateFactory(round=round)
    client = login(coordinator)
    response = client.post(
        manage_url("recruitment_invite", round), {"candidates": [first.pk, second.pk]}
    )
    assert response.status_code == 302
    assert QueuedMail.objects.filter(status=MailStatus.DRAFT).count() == 2
    page = client.get(manage_url("recruitment_outbox", round)).content.decode()
    assert first.email in page and second.email in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(manage_url("recruitment_outbox", round))
    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])


def test_invite_without_selection_is_400(login, round, coordinator):
    CandidateFactory(round=round)
    response = login(coordinator).post(manage_url("recruitment_invite", round), {})
    assert response.status_code == 400
    assert "select at least one" in response.content.decode()
    other = CandidateFactory()
    response = login(coordinator).post(
        manage_url("recruitment_invite", round), {"candidates": [other.pk]}
    )
    assert response.status_code == 400
    assert not QueuedMail.objects.exists()


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_others_cannot_invite_or_send(login, round, people, coordinator, role):
    candidate = CandidateFactory(round=round)
    services.invite_candidates(
        round=round, candidates=[CandidateFactory(round=round)], by=coordinator
    )
    client = login(people[role])
    assert (
        client.post(
            manage_url("recruitment_invite", round), {"candidates": [candidate.pk]}
        ).status_code
        == 404
    )
    assert client.post(manage_url("recruitment_outbox", round)).status_code == 404
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.IDEA
    assert QueuedMail.objects.filter(status=MailStatus.DRAFT).count() == 1
    assert mail.outbox == []


def test_outbox_query_count(login, round, coordinator, django_assert_max_num_queries):
    client = login(coordinator)
    services.invite_candidates(
        round=round, candidates=[CandidateFactory(round=round)], by=coordinator
    )
    with django_assert_max_num_queries(20) as one:
        client.get(manage_url("recruitment_outbox", round))
    services.invite_candidates(
        round=round,
        candidates=[CandidateFactory(round=round) for _ in range(10)],
        by=coordinator,
    )
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(manage_url("recruitment_outbox", round))


def test_invitation_text_is_edited_on_the_mail_text_page(login, round, coordinator):
    client = login(coordinator)
    page = client.get(manage_url("recruitment_candidates", round)).content.decode()
    editor = manage_url("mail_text", round, key="mentor_invitation")
    assert editor in page
    data = {
        "subject_de": "Einladung",
        "body_de": "Hallo {{ name }}",
        "subject_en": "Invitation",
        "body_en": "Hi {% if %}",
    }
    response = client.post(editor, data)
    assert response.status_code == 400
    assert not MailTemplate.objects.exists()
    data["body_en"] = "Hi {{ name }}"
    response = client.post(editor, data)
    assert response.status_code == 302
    assert MailTemplate.objects.filter(round=round, key="mentor_invitation").count() == 2


def test_schedule_info_event_page(login, round, coordinator):
    client = login(coordinator)
    # Near the round: dates far from it are refused (tests/tandems/test_far_dates.py).
    day = f"{timezone.localdate().year + 1}-03-04"
    response = client.post(
        manage_url("recruitment_info_event", round),
        {"starts_at": f"{day}T14:00", "ends_at": f"{day}T13:00", "agenda": "x"},
    )
    assert response.status_code == 400
    assert not InfoEvent.objects.exists()
    response = client.post(
        manage_url("recruitment_info_event", round),
        {
            "starts_at": f"{day}T14:00",
            "ends_at": f"{day}T15:30",
            "video_url": "https://meet.example.org/x",
            "agenda": "Vorstellung",
        },
    )
    assert response.status_code == 302
    event = InfoEvent.objects.get(round=round)
    assert timezone.localtime(event.starts_at).hour == 14
    page = client.get(manage_url("recruitment_info_event", round)).content.decode()
    assert f'value="{day}T14:00"' in page


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_others_cannot_schedule_the_info_event(login, round, people, role):
    response = login(people[role]).post(
        manage_url("recruitment_info_event", round),
        {"starts_at": "2031-03-04T14:00", "ends_at": "2031-03-04T15:30"},
    )
    assert response.status_code == 404
    assert not InfoEvent.objects.exists()


def test_info_event_registrations_query_count(
    login, round, coordinator, django_assert_max_num_queries
):
    event = InfoEventFactory(round=round)
    client = login(coordinator)
    event.registrations.create(
        name="A",
        email="a@example.org",
        consent_text="x",
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    with django_assert_max_num_queries(20) as one:
        client.get(manage_url("recruitment_info_event", round))
    for n in range(10):
        event.registrations.create(
            name=f"P{n}",
            email=f"p{n}@example.org",
            consent_text="x",
            consented_at=timezone.now() - dt.timedelta(minutes=n),
            confirmed_at=timezone.now(),
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(manage_url("recruitment_info_event", round))
    assert "p9@example.org" in response.content.decode()


def test_profiles_for_coordinator_and_trainer(login, round, coordinator, people):
    MentorProfileFactory(
        round=round,
        person=people["mentor"],
        publish_in_gallery=False,
        presentation="Unveröffentlicht",
    )
    for user in (coordinator, people["trainer"]):
        response = login(user).get(manage_url("recruitment_profiles", round))
        assert response.status_code == 200
        assert "Unveröffentlicht" in response.content.decode()


def test_profiles_query_count(login, round, coordinator, django_assert_max_num_queries):
    client = login(coordinator)
    MentorProfileFactory(round=round, levels={"diamond_oa": 3, "leadership": 1})
    with django_assert_max_num_queries(20) as one:
        client.get(manage_url("recruitment_profiles", round))
    for _ in range(8):
        MentorProfileFactory(round=round, levels={"diamond_oa": 3, "leadership": 1})
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(manage_url("recruitment_profiles", round))
