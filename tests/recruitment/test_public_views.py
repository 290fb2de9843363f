import datetime as dt
import re
import zoneinfo

import icalendar
import pytest
import time_machine
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from tandem.programmes.enums import InstitutionType, RoleKind
from tandem.recruitment import services
from tandem.recruitment.enums import CandidateStatus
from tandem.recruitment.models import InfoEventRegistration
from tests.conftest import public_url, verified
from tests.factories import InstitutionFactory, UserFactory

from .factories import CandidateFactory, InfoEventFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_round(round):
    round.is_public = True
    round.save()
    return round


def names(response):
    return [profile.person.name for profile in response.context["profiles"]]


def test_gallery_of_a_public_round_for_anonymous(client, public_round):
    shown = MentorProfileFactory(round=public_round, presentation="Ich berate gern.")
    hidden = MentorProfileFactory(
        round=public_round, publish_in_gallery=False, presentation="Geheimer Text"
    )
    response = client.get(public_url("gallery", public_round))
    assert response.status_code == 200
    page = response.content.decode()
    assert shown.person.name in page and "Ich berate gern." in page
    assert hidden.person.name not in page and "Geheimer Text" not in page


def test_gallery_filters_by_topic_and_institution_type(client, public_round):
    small = InstitutionFactory(type=InstitutionType.RESEARCH_INSTITUTE)
    oa = MentorProfileFactory(round=public_round, levels={"open_access_strategy": 3})
    allround = MentorProfileFactory(
        round=public_round,
        person=UserFactory(institution=small),
        levels={"small_library_allround": 3, "open_access_strategy": 1},
    )
    url = public_url("gallery", public_round)
    assert set(names(client.get(url))) == {oa.person.name, allround.person.name}
    response = client.get(url, {"topic": "small_library_allround"})
    assert names(response) == [allround.person.name]
    response = client.get(url, {"topic": "open_access_strategy", "institution_type": "university"})
    assert names(response) == [oa.person.name]
    response = client.get(url, {"topic": "", "institution_type": ""})
    assert len(names(response)) == 2


def test_gallery_bad_filter_is_400_with_message(client, public_round):
    MentorProfileFactory(round=public_round)
    response = client.get(public_url("gallery", public_round), {"topic": "no_such_topic"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


def test_non_public_gallery_is_404_for_anonymous_outsiders_and_foreigners(
    client, login, round, people
):
    MentorProfileFactory(round=round, presentation="Nur intern")
    url = public_url("gallery", round)
    assert client.get(url).status_code == 404
    for role in ("outsider", "foreign_coordinator"):
        response = login(people[role]).get(url)
        assert response.status_code == 404
        assert b"Nur intern" not in response.content


@pytest.mark.parametrize("role", ["mentor", "mentee", "trainer", "coordinator"])
def test_non_public_gallery_for_people_of_the_round(login, round, people, role):
    MentorProfileFactory(round=round, presentation="Nur intern")
    response = login(people[role]).get(public_url("gallery", round))
    assert response.status_code == 200 and "Nur intern" in response.content.decode()


def test_non_public_gallery_for_the_organisation_coordinator(login, round, coordinator):
    assert login(coordinator).get(public_url("gallery", round)).status_code == 200


def test_unknown_round_is_404(client, public_round):
    url = public_url("gallery", public_round).replace(public_round.slug, "nope")
    assert client.get(url).status_code == 404


def test_gallery_query_count(client, public_round, django_assert_max_num_queries):
    MentorProfileFactory(round=public_round, levels={"diamond_oa": 3, "leadership": 2})
    with django_assert_max_num_queries(20) as one:
        client.get(public_url("gallery", public_round))
    for _ in range(10):
        MentorProfileFactory(round=public_round, levels={"diamond_oa": 3, "leadership": 2})
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(public_url("gallery", public_round))
    assert len(response.context["profiles"]) == 11


def test_gallery_files_only_of_published_profiles(client, public_round):
    shown = MentorProfileFactory(round=public_round)
    shown.slides.save("talk.pdf", ContentFile(b"%PDF-1.4 slides"))
    hidden = MentorProfileFactory(round=public_round, publish_in_gallery=False)
    hidden.slides.save("secret.pdf", ContentFile(b"%PDF-1.4 secret"))
    response = client.get(public_url("gallery_file", public_round, profile=shown.pk, kind="slides"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 slides"
    assert (
        client.get(
            public_url("gallery_file", public_round, profile=hidden.pk, kind="slides")
        ).status_code
        == 404
    )
    assert (
        client.get(
            public_url("gallery_file", public_round, profile=shown.pk, kind="photo")
        ).status_code
        == 404
    )
    assert (
        client.get(
            public_url("gallery_file", public_round, profile=shown.pk, kind="notes")
        ).status_code
        == 404
    )
    public_round.is_public = False
    public_round.save()
    assert (
        client.get(
            public_url("gallery_file", public_round, profile=shown.pk, kind="slides")
        ).status_code
        == 404
    )


def test_info_event_page_and_registration(client, public_round, django_capture_on_commit_callbacks):
    InfoEventFactory(round=public_round, agenda="Vorstellungsrunde")
    url = public_url("info_event", public_round)
    page = client.get(url)
    assert page.status_code == 200 and "Vorstellungsrunde" in page.content.decode()
    data = {"name": "Laura Becker", "email": "laura@example.org", "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "email": "LAURA@example.org"})
    assert response.status_code == 302
    assert InfoEventRegistration.objects.count() == 1
    # Double opt-in: two mails that only ask to confirm; no name, no event details.
    assert len(mail.outbox) == 2
    first = mail.outbox[-1]
    assert "Laura" not in first.body + first.subject and "info-event.ics" not in first.body
    link = re.search(r"http://\S+/info-event/confirm/\S+/", first.body).group(0)
    registration = InfoEventRegistration.objects.get()
    assert registration.confirmed_at is None
    old_link = re.search(r"http://\S+/info-event/confirm/\S+/", mail.outbox[0].body).group(0)
    assert client.get(old_link).status_code == 404  # replaced by the second mail
    # Opening the link (as a mail scanner does) confirms nothing; the button does.
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(link)
    assert page.status_code == 200 and "Confirm my registration" in page.content.decode()
    registration.refresh_from_db()
    assert registration.confirmed_at is None and len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.confirmed_at and registration.token_hash is None
    assert len(mail.outbox) == 3
    assert "info-event.ics" in mail.outbox[-1].body and "Laura Becker" in mail.outbox[-1].body
    assert client.get(link).status_code == 404  # used up
    assert client.post(link).status_code == 404
    # A confirmed address gets nothing more from the form.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
    assert len(mail.outbox) == 3


def test_info_event_registration_is_rate_limited(client, public_round):
    from django.core.cache import cache

    cache.clear()
    InfoEventFactory(round=public_round)
    url = public_url("info_event", public_round)
    codes = [
        client.post(url, {"name": "X", "email": f"x{n}@example.org", "consent": "on"}).status_code
        for n in range(7)
    ]
    assert codes[:5] == [302] * 5 and codes[5:] == [429, 429]
    assert InfoEventRegistration.objects.count() == 5
    cache.clear()
    # One address from many places: limited per address as well.
    codes = [
        client.post(
            url,
            {"name": "X", "email": "victim@example.org", "consent": "on"},
            REMOTE_ADDR=f"10.0.0.{n}",
        ).status_code
        for n in range(7)
    ]
    assert codes[5:] == [429, 429]
    cache.clear()


def test_info_event_registration_bad_input(client, public_round):
    event = InfoEventFactory(round=public_round)
    url = public_url("info_event", public_round)
    response = client.post(url, {"name": "Laura", "email": "laura@example.org"})
    assert response.status_code == 400
    assert "Please agree" in response.content.decode()
    response = client.post(url, {"name": "", "email": "kaputt", "consent": "on"})
    assert response.status_code == 400
    with time_machine.travel(event.ends_at + dt.timedelta(hours=1)):
        response = client.post(url, {"name": "L", "email": "l@example.org", "consent": "on"})
    assert response.status_code == 400
    assert not InfoEventRegistration.objects.exists()


def test_info_event_visibility(client, login, round, people):
    url = public_url("info_event", round)
    assert client.get(url).status_code == 404  # no event yet
    InfoEventFactory(round=round)
    assert client.get(url).status_code == 404  # round not public
    assert (
        client.post(url, {"name": "L", "email": "l@example.org", "consent": "on"}).status_code
        == 404
    )
    assert login(people["outsider"]).get(url).status_code == 404
    assert login(people["mentee"]).get(url).status_code == 200
    assert not InfoEventRegistration.objects.exists()


def test_info_event_ics_parses_back(client, public_round):
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    start = dt.datetime(2031, 3, 4, 14, 0, tzinfo=berlin)
    event = InfoEventFactory(
        round=public_round, starts_at=start, ends_at=start + dt.timedelta(minutes=90)
    )
    response = client.get(public_url("info_event_ics", public_round))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"DTSTART;TZID=Europe/Berlin:20310304T140000" in response.content
    calendar = icalendar.Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]).startswith(f"info-event-{event.pk}-")
    assert vevent.decoded("DTSTART") == start
    assert vevent.decoded("DTSTART").tzinfo.key == "Europe/Berlin"
    assert vevent.decoded("DTEND") == start + dt.timedelta(minutes=90)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(vevent["URL"]) == "https://meet.example.org/info"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"


def test_info_event_ics_not_public_is_404(client, round):
    InfoEventFactory(round=round)
    assert client.get(public_url("info_event_ics", round)).status_code == 404


@pytest.fixture
def invited(round, coordinator):
    candidate = CandidateFactory(round=round, name="Eva Brandt")
    services.invite_candidates(round=round, candidates=[candidate], by=coordinator)
    candidate.refresh_from_db()
    return candidate


def test_invitation_page_and_decline_without_account(client, round, invited):
    url = public_url("invitation", round, token=invited.token)
    page = client.get(url)
    assert page.status_code == 200 and "Eva Brandt" in page.content.decode()
    response = client.post(url, {"answer": "decline"})
    assert response.status_code == 200
    invited.refresh_from_db()
    assert invited.status == CandidateStatus.DECLINED
    assert client.get(url).status_code == 404


def test_accept_without_account_leads_to_sign_up_with_the_address_filled_in(client, round, invited):
    url = public_url("invitation", round, token=invited.token)
    response = client.post(url, {"answer": "accept"})
    assert response.status_code == 302 and "/accounts/signup/" in response["Location"]
    signup = client.get(response["Location"])
    assert signup.context["form"]["email"].value() == invited.email
    invited.refresh_from_db()
    assert invited.status == CandidateStatus.INVITED


def test_accept_when_logged_in_with_the_invited_address(login, round, invited):
    person = verified(UserFactory(email=invited.email))
    url = public_url("invitation", round, token=invited.token)
    response = login(person).post(url, {"answer": "accept"})
    assert response.status_code == 302
    assert response["Location"].endswith("/recruitment/profile/")
    assert round.roles.filter(person=person, role=RoleKind.MENTOR).exists()


@pytest.mark.parametrize("address", ["other", "unverified"])
def test_another_account_cannot_take_the_invitation(login, round, invited, address):
    from allauth.account.models import EmailAddress

    outsider = verified(UserFactory())
    if address == "unverified":
        EmailAddress.objects.create(user=outsider, email=invited.email, verified=False)
    client = login(outsider)
    url = public_url("invitation", round, token=invited.token)
    assert "please log in with that address" in client.get(url).content.decode()
    response = client.post(url, {"answer": "accept"})
    assert response.status_code == 400
    assert "log in with the address the invitation was sent to" in response.content.decode()
    assert not round.roles.filter(person=outsider).exists()
    invited.refresh_from_db()
    assert invited.status == CandidateStatus.INVITED


def test_mentee_cannot_accept_and_sees_why(login, round, invited, people):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=people["mentee"], email=invited.email, verified=True)
    response = login(people["mentee"]).post(
        public_url("invitation", round, token=invited.token), {"answer": "accept"}
    )
    assert response.status_code == 400
    assert "as a mentee" in response.content.decode()
    assert not round.roles.filter(person=people["mentee"], role=RoleKind.MENTOR).exists()


def test_bad_answer_is_400(client, round, invited):
    response = client.post(
        public_url("invitation", round, token=invited.token), {"answer": "maybe"}
    )
    assert response.status_code == 400


def test_wrong_expired_or_foreign_token_is_a_neutral_404(client, round, invited):
    wrong = client.get(public_url("invitation", round, token="x" * 43))
    assert wrong.status_code == 404
    assert b"Eva Brandt" not in wrong.content
    other = CandidateFactory()
    services.invite_candidates(round=other.round, candidates=[other], by=None)
    other.refresh_from_db()
    foreign = client.get(public_url("invitation", round, token=other.token))
    assert foreign.status_code == 404
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        expired = client.get(public_url("invitation", round, token=invited.token))
        assert expired.status_code == 404
        assert (
            client.post(
                public_url("invitation", round, token=invited.token), {"answer": "accept"}
            ).status_code
            == 404
        )
    assert wrong.content.decode().count("not valid") == expired.content.decode().count("not valid")
    invited.refresh_from_db()
    assert invited.status == CandidateStatus.INVITED
