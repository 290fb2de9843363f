"""Date polls closed without a date, opened again and deleted by their maker; goals keep a
short reflection at each change of progress (for the two only)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.tandems import polls, services
from tandem.tandems.models import DatePoll, GoalReflection, Meeting
from tests.conftest import DENIED_ROLES, manage_url, portal_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(fast_passwords):
    pass


@pytest.fixture
def poll(tandem, mentee):
    soon = timezone.now() + dt.timedelta(days=3)
    return polls.create_poll(
        tandem=tandem,
        by=mentee,
        duration_minutes=60,
        options=[soon, soon + dt.timedelta(days=1)],
    )


def test_a_poll_closes_without_a_date_and_opens_again_with_its_answers(poll, mentee, mentor):
    polls.vote(poll=poll, person=mentor, answers={o.pk: "no" for o in poll.options.all()})
    polls.close_poll_without_date(poll=poll, by=mentor)
    poll.refresh_from_db()
    assert poll.closed_at and poll.meeting is None and not Meeting.objects.exists()
    with pytest.raises(ValidationError, match="closed"):
        polls.vote(poll=poll, person=mentee, answers={o.pk: "yes" for o in poll.options.all()})
    with pytest.raises(ValidationError, match="already closed"):
        polls.close_poll_without_date(poll=poll, by=mentee)
    polls.reopen_poll(poll=poll, by=mentee)
    poll.refresh_from_db()
    assert poll.closed_at is None
    assert poll.options.first().votes.get().answer == "no"  # answers stay


def test_a_poll_whose_date_became_a_meeting_is_not_reopened(poll, mentee):
    meeting = polls.close_poll(poll=poll, option=poll.options.first(), by=mentee)
    with pytest.raises(ValidationError, match="became a meeting"):
        polls.reopen_poll(poll=poll, by=mentee)
    polls.delete_poll(poll=poll, by=mentee)
    assert Meeting.objects.filter(pk=meeting.pk).exists()  # the meeting stays


def test_only_the_maker_deletes_a_poll(poll, mentee, mentor):
    with pytest.raises(ValidationError, match="Only the person who made"):
        polls.delete_poll(poll=poll, by=mentor)
    polls.delete_poll(poll=poll, by=mentee)
    assert not DatePoll.objects.exists()


def test_the_poll_page_offers_the_actions_to_each_member(client, round, poll, mentee, mentor):
    state = portal_url("tandem_poll_state", round, poll=poll.pk)
    page = portal_url("tandem_poll", round, poll=poll.pk)
    client.force_login(mentor)
    html = client.get(page).content.decode()
    assert "Close without a date" in html and "Delete the poll" not in html
    assert client.get(state).status_code == 405
    assert client.post(state, {"action": "explode"}).status_code == 400
    assert client.post(state, {"action": "delete"}).status_code == 302
    assert DatePoll.objects.exists()  # refused with a message: the mentor did not make it
    assert client.post(state, {"action": "close"}).status_code == 302
    assert "Open the poll again" in client.get(page).content.decode()
    client.force_login(mentee)
    assert client.post(state, {"action": "reopen"}).status_code == 302
    assert client.post(state, {"action": "delete"}).status_code == 302
    assert not DatePoll.objects.exists()


@pytest.mark.parametrize("role", [*DENIED_ROLES, "coordinator"])
def test_nobody_else_changes_a_poll(client, round, poll, people, coordinator, role):
    client.force_login(coordinator if role == "coordinator" else people[role])
    state = portal_url("tandem_poll_state", round, poll=poll.pk)
    for action in ("close", "delete"):
        assert client.post(state, {"action": action}).status_code == 404
    poll.refresh_from_db()
    assert poll.closed_at is None


# --- goals over time ------------------------------------------------------------------------


def test_each_change_of_progress_keeps_a_reflection(tandem, mentee, mentor):
    goal = services.add_goal(tandem=tandem, by=mentee, text="Monitoring aufbauen", progress=0)
    services.update_goal(goal=goal, by=mentee, text=goal.text, progress=30, reflection="Start")
    services.update_goal(goal=goal, by=mentor, text=goal.text, progress=60)
    services.update_goal(goal=goal, by=mentor, text="Monitoring aufbauen!", progress=60)
    steps = list(goal.reflections.values_list("progress_before", "progress_after", "text"))
    assert steps == [(0, 30, "Start"), (30, 60, "")]
    with pytest.raises(ValidationError) as error:
        services.update_goal(goal=goal, by=mentee, text=goal.text, progress=60, reflection="x")
    assert "reflection" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.update_goal(
            goal=goal, by=mentee, text=goal.text, progress=70, reflection="x" * 501
        )
    assert GoalReflection.objects.count() == 2


def test_the_two_see_how_a_goal_went_and_the_coordinators_do_not(
    client, round, tandem, mentee, mentor, coordinator
):
    goal = services.add_goal(tandem=tandem, by=mentee, text="Monitoring aufbauen")
    client.force_login(mentee)
    url = portal_url("tandem_goal", round, tandem=tandem.pk, goal=goal.pk)
    response = client.post(
        url, {"text": goal.text, "progress": "40", "reflection": "Erste Zahlen stehen"}
    )
    assert response.status_code == 302
    client.force_login(mentor)
    for page in (url, portal_url("tandem_workspace", round, tandem=tandem.pk)):
        assert "Erste Zahlen stehen" in client.get(page).content.decode()
    client.force_login(coordinator)
    assert client.get(url).status_code == 404
    assert "Erste Zahlen stehen" not in client.get(manage_url("tandems", round)).content.decode()
