"""The participant's dashboard: their tandem, the next meeting, and what waits for them."""

import pytest
from django.urls import reverse

from tandem.programmes.enums import RoleKind
from tandem.tandems import polls, services
from tandem.tandems.models import Tandem
from tests.factories import RoundRoleFactory, UserFactory
from tests.tandems.workspace_helpers import AGENDA, GOALS, agree, at, other_tandem, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def tandem(round):
    mentor = UserFactory(name="Dr. Mona Mentorin")
    mentee = UserFactory(name="Dr. Max Mentee")
    RoundRoleFactory(round=round, person=mentor, role=RoleKind.MENTOR)
    RoundRoleFactory(round=round, person=mentee, role=RoleKind.MENTEE)
    return Tandem.objects.create(round=round, mentor=mentor, mentee=mentee)


def dashboard(client, person) -> str:
    client.force_login(person)
    return client.get(reverse("portal:dashboard")).content.decode()


def test_greeting_uses_the_whole_name(client, tandem):
    page = dashboard(client, tandem.mentee)
    assert "Hello Dr. Max Mentee" in page
    assert dashboard(client, UserFactory(name="")).count("Welcome") >= 1


def test_mentee_sees_tandem_next_meeting_and_what_is_due(client, round, tandem):
    page = dashboard(client, tandem.mentee)
    assert "Your tandem with Dr. Mona Mentorin (your mentor)" in page
    assert "No meeting planned yet." in page
    assert "Your tandem has no mentoring agreement yet." in page

    meeting = plan(tandem, tandem.mentor, days=5)
    agree(tandem, tandem.mentor)
    services.confirm_agreement(tandem=tandem, by=tandem.mentor)
    poll = polls.create_poll(
        tandem=tandem, by=tandem.mentor, options=[at(10), at(11)], duration_minutes=90
    )
    page = dashboard(client, tandem.mentee)
    meeting_url = reverse(
        "portal:tandem_meeting",
        kwargs={**round.url_kwargs, "tandem": tandem.pk, "meeting": meeting.pk},
    )
    assert f'href="{meeting_url}"' in page
    assert "The mentoring agreement waits for your confirmation." in page
    assert reverse("portal:tandem_poll", kwargs={**round.url_kwargs, "poll": poll.pk}) in page
    # Nothing the two wrote shows on the dashboard.
    assert AGENDA not in page and GOALS not in page

    polls.vote(
        poll=poll, person=tandem.mentee, answers={option.pk: "yes" for option in poll.options.all()}
    )
    services.confirm_agreement(tandem=tandem, by=tandem.mentee)
    page = dashboard(client, tandem.mentee)
    assert "A date poll waits for your answer." not in page
    assert "waits for your confirmation" not in page


def test_mentor_sees_their_mentee_and_nobody_elses_tandem(client, round, tandem):
    other = other_tandem(round)
    plan(other, other.mentor, days=3)
    page = dashboard(client, tandem.mentor)
    assert "Your tandem with Dr. Max Mentee (your mentee)" in page
    assert other.mentee.name not in page and other.mentor.name not in page


def test_mentor_without_a_profile_is_asked_to_write_one(client, round):
    mentor = UserFactory(name="Nina Neu")
    RoundRoleFactory(round=round, person=mentor, role=RoleKind.MENTOR)
    page = dashboard(client, mentor)
    assert "You have not written your mentor profile yet." in page
    assert reverse("portal:recruitment_profile", kwargs=round.url_kwargs) in page
