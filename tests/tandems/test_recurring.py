"""Recurring dates: proposed by one, accepted or moved by the other; each occurrence a meeting."""

import datetime as dt
import zoneinfo

import icalendar
import pytest
import time_machine
from django.core.exceptions import ValidationError

from tandem.mail.models import QueuedMail
from tandem.tandems import calendar, recurring, services
from tandem.tandems.enums import SeriesStatus
from tandem.tandems.models import Meeting
from tests.conftest import DENIED_ROLES, portal_url

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2027, 2, 20, 9, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fast(fast_passwords):
    pass


@pytest.fixture(autouse=True)
def _in_february():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def berliners(mentor, mentee):
    for person in (mentor, mentee):
        person.time_zone = "Europe/Berlin"
        person.save()


def first_tuesdays(tandem, by, **extra):
    return recurring.propose_series(
        tandem=tandem,
        by=by,
        kind="monthly",
        weekday=1,
        ordinal=1,
        start_time=dt.time(10),
        starts_on=dt.date(2027, 3, 1),
        duration_minutes=120,
        count=4,
        **extra,
    )


def test_the_first_tuesday_of_each_month_across_the_change_to_summer_time(
    tandem, mentee, berliners
):
    series = first_tuesdays(tandem, mentee)
    starts = recurring.occurrences(series)
    assert [s.date() for s in starts] == [
        dt.date(2027, 3, 2),
        dt.date(2027, 4, 6),
        dt.date(2027, 5, 4),
        dt.date(2027, 6, 1),
    ]
    # 10:00 in Berlin before and after the clocks change: 09:00 and 08:00 UTC.
    assert [s.astimezone(dt.UTC).hour for s in starts] == [9, 8, 8, 8]
    assert recurring.pattern_in_words(series, "en") == "first Tuesday of each month, 10:00–12:00"
    assert recurring.pattern_in_words(series, "de") == "jeden ersten Dienstag im Monat, 10:00–12:00"


def test_last_weekday_and_every_few_weeks():
    assert recurring.occurrence_dates(
        kind="monthly",
        weekday=4,
        ordinal=5,
        interval_weeks=1,
        starts_on=dt.date(2027, 1, 1),
        count=2,
    ) == [dt.date(2027, 1, 29), dt.date(2027, 2, 26)]
    assert recurring.occurrence_dates(
        kind="weekly",
        weekday=0,
        ordinal=1,
        interval_weeks=3,
        starts_on=dt.date(2027, 3, 3),
        count=3,
    ) == [dt.date(2027, 3, 8), dt.date(2027, 3, 29), dt.date(2027, 4, 19)]


def test_accepting_plans_one_meeting_per_occurrence_and_tells_the_proposer(
    tandem, mentee, mentor, berliners
):
    series = first_tuesdays(tandem, mentee)
    proposed = QueuedMail.objects.get(template_key="meeting_series_proposed")
    assert proposed.to == mentor.email and "first Tuesday of each month" in proposed.body
    with pytest.raises(ValidationError, match="Your partner answers"):
        recurring.accept_series(series=series, by=mentee)
    meetings = recurring.accept_series(series=series, by=mentor)
    assert len(meetings) == 4 and {m.series_id for m in meetings} == {series.pk}
    assert len({m.uid for m in meetings}) == 4
    series.refresh_from_db()
    assert series.status == SeriesStatus.ACCEPTED
    assert QueuedMail.objects.get(template_key="meeting_series_accepted").to == mentee.email
    with pytest.raises(ValidationError, match="already been answered"):
        recurring.accept_series(series=series, by=mentor)


def test_moving_one_occurrence_moves_only_that_one_and_the_feed_follows(
    tandem, mentee, mentor, berliners
):
    meetings = recurring.accept_series(series=first_tuesdays(tandem, mentee), by=mentor)
    second = meetings[1]
    moved = second.starts_at + dt.timedelta(days=1)
    services.update_meeting(meeting=second, by=mentee, starts_at=moved, duration_minutes=120)
    stored = {m.pk: m for m in Meeting.objects.filter(series__isnull=False)}
    assert stored[second.pk].starts_at == moved and stored[second.pk].sequence == 1
    for other in (meetings[0], meetings[2], meetings[3]):
        assert stored[other.pk].starts_at == other.starts_at and stored[other.pk].sequence == 0
    feed = icalendar.Calendar.from_ical(calendar.feed_ics(mentor))
    events = {str(e["uid"]): e for e in feed.walk("VEVENT")}
    assert len(events) == 4
    assert int(events[str(second.uid)]["sequence"]) == 1
    assert int(events[str(meetings[0].uid)]["sequence"]) == 0


def test_the_partner_moves_the_proposal_and_the_first_member_answers(
    tandem, mentee, mentor, berliners
):
    series = first_tuesdays(tandem, mentee)
    recurring.move_series(series=series, by=mentor, weekday=3, start_time=dt.time(14))
    series.refresh_from_db()
    assert series.proposed_by == mentor and series.weekday == 3
    assert series.status == SeriesStatus.PROPOSED
    assert QueuedMail.objects.filter(template_key="meeting_series_proposed").count() == 2
    with pytest.raises(ValidationError):
        recurring.accept_series(series=series, by=mentor)
    meetings = recurring.accept_series(series=series, by=mentee)
    assert meetings[0].starts_at == dt.datetime(2027, 3, 4, 14, tzinfo=BERLIN)


def test_bad_proposals_are_refused_next_to_the_field(tandem, mentee):
    with pytest.raises(ValidationError) as error:
        recurring.propose_series(
            tandem=tandem,
            by=mentee,
            kind="daily",
            weekday=9,
            start_time=dt.time(10),
            starts_on=dt.date(2026, 1, 1),
            duration_minutes=5,
            count=40,
        )
    assert {"kind", "weekday", "duration_minutes", "count", "starts_on"} <= set(
        error.value.message_dict
    )
    assert not tandem.meeting_series.exists()


def test_the_pages_for_both_members(client, round, tandem, mentee, mentor, berliners):
    client.force_login(mentee)
    url = portal_url("tandem_series", round, tandem=tandem.pk)
    assert client.get(url).status_code == 200
    form = {
        "kind": "monthly",
        "ordinal": "1",
        "interval_weeks": "4",
        "weekday": "1",
        "start_time": "10:00",
        "duration_minutes": "120",
        "starts_on": "2027-03-01",
        "count": "3",
    }
    bad = client.post(url, form | {"start_time": "25:99"})
    assert bad.status_code == 400 and "Please give the time" in bad.content.decode()
    response = client.post(url, form)
    assert response.status_code == 302
    series = tandem.meeting_series.get()
    detail = portal_url("tandem_series_detail", round, tandem=tandem.pk, series=series.pk)
    assert "Waiting for" in client.get(detail).content.decode()
    assert client.post(detail, {"action": "accept"}).status_code == 400  # the proposer
    client.force_login(mentor)
    assert "Accept: plan all these meetings" in client.get(detail).content.decode()
    assert client.post(detail, {"action": "jump"}).status_code == 400
    assert client.post(detail, {"action": "accept"}).status_code == 302
    assert tandem.meetings.count() == 3


@pytest.mark.parametrize("role", [*DENIED_ROLES, "coordinator"])
def test_nobody_else_sees_or_answers_a_recurring_date(
    client, round, tandem, mentee, people, coordinator, role
):
    series = first_tuesdays(tandem, mentee)
    client.force_login(coordinator if role == "coordinator" else people[role])
    detail = portal_url("tandem_series_detail", round, tandem=tandem.pk, series=series.pk)
    assert client.get(portal_url("tandem_series", round, tandem=tandem.pk)).status_code == 404
    assert client.get(detail).status_code == 404
    assert client.post(detail, {"action": "accept"}).status_code == 404
    assert not tandem.meetings.exists()
