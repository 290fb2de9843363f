"""The coordinators' tandem overview: metadata only, quiet tandems, who may see it."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tandem.audit.models import AuditEntry
from tandem.tandems.enums import MeetingStatus
from tandem.tandems.models import Agreement, DatePoll, Goal, Meeting, Note, Tandem
from tandem.tandems.overview import quiet_tandems, tandem_overview
from tests.conftest import DENIED_ROLES, manage_url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AGENDA = "Geheime Agenda: Ärger mit der Chefin"
NOTE = "Private Notiz über die Stelle"
GOAL = "Geheimes Ziel: Wechsel nach Berlin"
AGREEMENT = "Vertrauliche Vereinbarung zu Zielen"
POLL_NOTE = "Geheime Notiz zur Umfrage"
SECRETS = [AGENDA, NOTE, GOAL, AGREEMENT, POLL_NOTE]


def formed(tandem, days_ago):
    Tandem.objects.filter(pk=tandem.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days_ago)
    )


def meeting(tandem, days, status=MeetingStatus.HELD, agenda=AGENDA) -> Meeting:
    return Meeting.objects.create(
        tandem=tandem,
        starts_at=timezone.now() + dt.timedelta(days=days),
        status=status,
        agenda=agenda,
    )


@pytest.fixture
def busy_tandem(tandem, mentor, mentee):
    """A tandem with everything coordinators must not read, and some meetings."""
    formed(tandem, 70)
    agreement = Agreement.objects.create(
        tandem=tandem,
        goals=AGREEMENT,
        rhythm_weeks=6,
        mentee_confirmed_at=timezone.now(),
        mentor_confirmed_at=timezone.now(),
    )
    Goal.objects.create(tandem=tandem, text=GOAL)
    held = meeting(tandem, -40)
    meeting(tandem, -10)
    meeting(tandem, -20, status=MeetingStatus.CANCELLED)
    meeting(tandem, 14, status=MeetingStatus.PLANNED)
    Note.objects.create(meeting=held, author=mentee, text=NOTE, shared=True)
    DatePoll.objects.create(tandem=tandem, note=POLL_NOTE, created_by=mentee)
    return agreement


def page(client, person, round):
    client.force_login(person)
    return client.get(manage_url("tandems", round))


def test_coordinators_see_metadata_and_no_content(
    client, round, coordinator, busy_tandem, tandem, mentor, mentee
):
    response = page(client, coordinator, round)
    assert response.status_code == 200
    html = response.content.decode()
    for secret in SECRETS:
        assert secret not in html
    assert mentor.get_full_name() in html and mentee.get_full_name() in html
    summary = tandem_overview(round)[0]
    assert (summary.held, summary.planned, summary.cancelled) == (2, 1, 1)
    assert summary.agreement_confirmed and summary.rhythm_weeks == 6 and not summary.quiet
    for value in (summary.last_held, summary.next_planned, summary.formed_at):
        assert date_format(timezone.localtime(value), "SHORT_DATE_FORMAT") in html
    assert 'scope="col"' in html and 'scope="row"' in html
    assert "Send reminder" not in html


def test_the_round_page_links_to_the_overview(client, round, coordinator):
    client.force_login(coordinator)
    html = client.get(manage_url("round", round)).content.decode()
    assert manage_url("tandems", round) in html


def test_the_selector_reads_no_content_columns(round, busy_tandem):
    with CaptureQueriesContext(connection) as queries:
        tandem_overview(round)
        quiet_tandems()
    sql = " ".join(query["sql"] for query in queries.captured_queries).lower()
    for column in (
        '"agenda"',
        '"goals"',
        '"text"',
        '"note"',
        '"channel"',
        "tandems_goal",
        "tandems_note",
        "tandems_datepoll",
        "topics",
    ):
        assert column not in sql


def test_a_round_coordinator_by_role_sees_it_too(client, round, people, tandem):
    assert page(client, people["coordinator"], round).status_code == 200


@pytest.mark.parametrize("who", DENIED_ROLES)
def test_everyone_else_gets_404_and_learns_nothing(client, round, people, busy_tandem, mentor, who):
    response = page(client, people[who], round)
    assert response.status_code == 404
    html = response.content.decode()
    assert mentor.get_full_name() not in html
    for secret in SECRETS:
        assert secret not in html


def test_the_tandem_members_themselves_get_404(client, round, tandem, mentor, mentee):
    for person in (mentor, mentee):
        assert page(client, person, round).status_code == 404


def test_anonymous_is_sent_to_login(client, round, tandem):
    response = client.get(manage_url("tandems", round))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_only_this_rounds_tandems_are_listed(client, round, coordinator, tandem, people):
    from tests.factories import RoundFactory

    elsewhere = RoundFactory(programme=round.programme)
    Tandem.objects.create(
        round=elsewhere,
        mentor=UserFactory(name="Fern Fremd"),
        mentee=UserFactory(name="Fiona Fremd"),
    )
    html = page(client, coordinator, round).content.decode()
    assert "Fern Fremd" not in html and "Fiona Fremd" not in html


def test_the_page_needs_a_fixed_number_of_queries(
    client, round, coordinator, tandem, django_assert_num_queries
):
    client.force_login(coordinator)
    url = manage_url("tandems", round)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(4):
        other = Tandem.objects.create(round=round, mentor=UserFactory(), mentee=UserFactory())
        meeting(other, -n - 1)
        meeting(other, n + 3, status=MeetingStatus.PLANNED)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('scope="row"') == 5


# --- quiet ------------------------------------------------------------------------------------


def quiet(programme_round) -> bool:
    return tandem_overview(programme_round)[0].quiet


def test_a_new_tandem_is_not_quiet_yet(round, tandem):
    # the round's rhythm (4 weeks) plus a week of grace
    formed(tandem, 34)
    assert not quiet(round)
    formed(tandem, 36)
    assert quiet(round)


def test_the_agreed_rhythm_wins_over_the_rounds(round, tandem):
    formed(tandem, 50)
    assert quiet(round)
    Agreement.objects.create(tandem=tandem, goals="x", rhythm_weeks=8)
    assert not quiet(round)


def test_the_last_held_meeting_restarts_the_clock(round, tandem):
    formed(tandem, 100)
    meeting(tandem, -34)
    assert not quiet(round)
    Meeting.objects.update(starts_at=timezone.now() - dt.timedelta(days=36))
    assert quiet(round)


def test_a_planned_meeting_ahead_keeps_a_tandem_from_being_quiet(round, tandem):
    formed(tandem, 100)
    planned = meeting(tandem, 20, status=MeetingStatus.PLANNED)
    assert not quiet(round)
    planned.status = MeetingStatus.CANCELLED
    planned.save()
    assert quiet(round)


def test_a_passed_planned_meeting_counts_as_met(round, tandem):
    # members do not always mark a meeting as held; the date alone restarts the clock
    formed(tandem, 100)
    meeting(tandem, -3, status=MeetingStatus.PLANNED)
    summary = tandem_overview(round)[0]
    assert not summary.quiet and summary.last_held is None and summary.planned == 1


def test_quiet_tandems_show_a_nudge_button(client, round, coordinator, tandem):
    formed(tandem, 60)
    html = page(client, coordinator, round).content.decode()
    assert "quiet" in html and "Send reminder" in html
    assert manage_url("tandem_nudge", round) in html
    assert f'name="tandem" value="{tandem.pk}"' in html
    assert AuditEntry.objects.filter(action="tandem.nudged").count() == 0
