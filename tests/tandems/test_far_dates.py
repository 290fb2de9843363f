"""Dates far from today: refused when typed, harmless when already stored.

The review planned a meeting on 9999-12-31; afterwards both members' workspace and
calendar feed answered 500 for good (the time zone pushed the date past year 9999).
"""

import datetime as dt

import icalendar
import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tandem.core.forms import date_window
from tandem.matching.models import MatchRun
from tandem.programmes.enums import PhaseKind
from tandem.programmes.models import Phase
from tandem.recruitment.models import InfoEvent
from tandem.tandems import calendar
from tandem.tandems.models import DatePoll, Meeting
from tests.conftest import manage_url, portal_url, public_url
from tests.recruitment.factories import InfoEventFactory

from .workspace_helpers import plan

pytestmark = pytest.mark.django_db

LAST = dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.UTC)
FIRST = dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.UTC)


@pytest.fixture(params=[LAST, FIRST], ids=["9999-12-31", "0001-01-01"])
def stored(request, tandem, mentee, mentor):
    """A meeting whose date was written before the forms bounded dates."""
    # West of Greenwich, 0001-01-01 00:30 UTC lies before year 1.
    mentor.time_zone = "America/New_York"
    mentor.save(update_fields=["time_zone"])
    meeting = plan(tandem, mentee, days=7)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=request.param)
    meeting.refresh_from_db()
    return meeting


def url(name, tandem, **kwargs):
    return portal_url(name, tandem.round, tandem=tandem.pk, **kwargs)


def test_the_members_pages_still_open(client, tandem, mentee, mentor, stored):
    for person in (mentee, mentor):
        client.force_login(person)
        for page in (
            url("tandem_workspace", tandem),
            url("tandem_meeting", tandem, meeting=stored.pk),
            url("tandem_meeting_edit", tandem, meeting=stored.pk),
            portal_url("tandem", tandem.round),
            portal_url("tandem_polls", tandem.round),
            "/me/",
        ):
            response = client.get(page)
            assert response.status_code == 200, (page, response.status_code)


def test_the_calendar_file_and_feed_still_work(client, tandem, mentee, stored):
    client.force_login(mentee)
    response = client.get(url("tandem_meeting_ics", tandem, meeting=stored.pk))
    assert response.status_code == 200
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("DTSTART").year in (2, 9998)  # read a year inside
    feed = icalendar.Calendar.from_ical(calendar.feed_ics(mentee))
    assert len(list(feed.walk("VEVENT"))) == 1


def test_the_coordinators_overview_still_opens(client, round, coordinator, tandem, stored):
    client.force_login(coordinator)
    assert client.get(manage_url("tandems", round)).status_code == 200


# --- typed dates are kept near the round ---------------------------------------------------

OUT_OF_RANGE = "Please give a date between"


def test_the_window_is_the_rounds_dates_plus_two_years(round):
    Phase.objects.filter(round=round).update(
        starts_on=dt.date(2027, 3, 10), ends_on=dt.date(2027, 9, 1)
    )
    Phase.objects.filter(round=round, kind=PhaseKind.ALUMNI).update(ends_on=dt.date(2028, 2, 29))
    assert date_window(round) == (dt.date(2025, 3, 10), dt.date(2030, 2, 28))
    with time_machine.travel(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)):
        assert date_window() == (dt.date(2021, 12, 1), dt.date(2031, 12, 1))


@pytest.mark.parametrize("typed", ["9999-12-31T23:30", "0001-01-01T00:30", "far"])
def test_a_meeting_far_from_the_round_is_refused(client, tandem, mentee, typed):
    last = date_window(tandem.round)[1]
    if typed == "far":
        typed = f"{last.year + 1}-{last:%m-%d}T10:00"
    client.force_login(mentee)
    response = client.post(
        url("tandem_meeting_new", tandem), {"starts_at": typed, "duration_minutes": 60}
    )
    assert response.status_code == 400
    assert OUT_OF_RANGE in response.content.decode()
    assert not Meeting.objects.exists()
    assert client.get(url("tandem_workspace", tandem)).status_code == 200


def test_a_meeting_late_in_the_window_is_fine(client, tandem, mentee):
    last = date_window(tandem.round)[1]
    client.force_login(mentee)
    response = client.post(
        url("tandem_meeting_new", tandem),
        {"starts_at": f"{last:%Y-%m-%d}T10:00", "duration_minutes": 60},
    )
    assert response.status_code == 302
    assert Meeting.objects.get().starts_at.date() == last


def test_a_poll_date_far_away_is_refused(client, round, tandem, mentee):
    client.force_login(mentee)
    soon = (timezone.localdate() + dt.timedelta(days=9)).isoformat()
    response = client.post(
        portal_url("tandem_polls", round),
        {
            "rows": 2,
            "option_1": f"{soon}T10:00",
            "option_2": "9999-12-31T23:30",
            "duration_minutes": 60,
        },
    )
    assert response.status_code == 400
    assert OUT_OF_RANGE in response.content.decode()
    assert not DatePoll.objects.exists()


def test_an_info_event_far_away_is_refused(client, round, coordinator):
    client.force_login(coordinator)
    response = client.post(
        manage_url("recruitment_info_event", round),
        {"starts_at": "9999-12-31T22:00", "ends_at": "9999-12-31T23:30"},
    )
    assert response.status_code == 400
    assert OUT_OF_RANGE in response.content.decode()
    assert not InfoEvent.objects.exists()


def test_round_phases_far_away_are_refused(client, round, coordinator):
    client.force_login(coordinator)
    edit = reverse("manage:round_edit", kwargs=round.url_kwargs)
    form = client.get(edit).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data = {
        name: value.isoformat() if hasattr(value, "isoformat") else value
        for name, value in data.items()
        if value not in (None, False)
    }
    data["alumni_end"] = "9999-12-31"
    response = client.post(edit, data)
    assert response.status_code == 400
    assert OUT_OF_RANGE in response.content.decode()
    assert not Phase.objects.filter(kind=PhaseKind.ALUMNI, ends_on__year=9999).exists()


def test_an_answer_date_far_away_is_refused(client, round, coordinator):
    run = MatchRun.objects.create(round=round, number=1, mode="optimal")
    client.force_login(coordinator)
    response = client.post(
        manage_url("matching_send", round, run=run.pk), {"answer_by": "9999-12-31"}
    )
    assert response.status_code == 400
    assert OUT_OF_RANGE in response.content.decode()
    run.refresh_from_db()
    assert run.answer_by is None


# --- other stored dates at the edge of the calendar ------------------------------------------


def test_a_stored_info_event_and_phase_at_the_edge_break_no_page(
    client, round, coordinator, people
):
    round.is_public = True
    round.save(update_fields=["is_public"])
    event = InfoEventFactory(round=round)
    InfoEvent.objects.filter(pk=event.pk).update(
        starts_at=LAST - dt.timedelta(hours=1), ends_at=LAST
    )
    Phase.objects.filter(round=round, kind=PhaseKind.ALUMNI).update(
        starts_on=dt.date(9999, 12, 1), ends_on=dt.date(9999, 12, 31)
    )
    for page in (public_url("info_event", round), public_url("info_event_ics", round)):
        assert client.get(page).status_code == 200, page
    client.force_login(coordinator)
    for name in ("round", "recruitment_info_event", "round_edit"):
        assert client.get(manage_url(name, round)).status_code == 200, name
    client.force_login(people["mentee"])
    assert client.get("/me/").status_code == 200
    assert client.get(portal_url("round", round)).status_code == 200
    call_command("apply_retention", "--dry-run")


def test_every_form_module_with_date_fields_bounds_them():
    """New forms with dates get the window too: a module that builds date fields calls
    ``bound_dates`` (tandem.core.forms)."""
    import ast
    from pathlib import Path

    import tandem as tandem_package

    source = Path(tandem_package.__file__).parent
    missing = []
    for path in source.rglob("*.py"):
        if path.match("core/forms.py") or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        names = {
            node.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "forms"
        }
        if names & {"DateField", "DateTimeField", "SplitDateTimeField"}:
            calls = {
                node.func.id
                for node in ast.walk(tree)
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            }
            if "bound_dates" not in calls:
                missing.append(str(path.relative_to(source)))
    assert not missing, missing
