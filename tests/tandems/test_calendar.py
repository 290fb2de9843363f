"""Calendar files per meeting and the personal feed, read back with icalendar."""

import datetime as dt
import hashlib
import re

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse

from tandem.tandems import calendar, services
from tandem.tandems.enums import MeetingStatus
from tandem.tandems.models import CalendarFeed, Tandem
from tests.conftest import portal_url
from tests.factories import RoundFactory

from .workspace_helpers import AGENDA, PRIVATE, SHARED, at, login_url, other_tandem, plan

pytestmark = pytest.mark.django_db


def ics_url(meeting):
    tandem = meeting.tandem
    return portal_url("tandem_meeting_ics", tandem.round, tandem=tandem.pk, meeting=meeting.pk)


def feed_url(feed) -> str:
    return reverse("portal:calendar_feed", kwargs={"token": feed.token})


def events(body: bytes) -> list:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


def test_a_meeting_file_holds_date_partner_and_link_but_no_agenda(client, tandem, mentor, mentee):
    meeting = plan(tandem, mentee, days=6, video_url="https://meet.example.org/raum-7")
    services.add_note(meeting=meeting, by=mentee, text=PRIVATE)
    services.add_note(meeting=meeting, by=mentee, text=SHARED, shared=True)
    client.force_login(mentee)
    response = client.get(ics_url(meeting))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    parsed = icalendar.Calendar.from_ical(body)
    assert str(parsed["METHOD"]) == "PUBLISH"
    (event,) = events(body)
    assert str(event["UID"]) == str(meeting.uid)
    assert int(event["SEQUENCE"]) == 0
    starts, ends = event.decoded("DTSTART"), event.decoded("DTEND")
    assert starts.utcoffset() == dt.timedelta(0) and b"DTSTART:" in body and b"Z\r\n" in body
    assert starts == at(6) and ends - starts == dt.timedelta(minutes=90)
    assert str(event["SUMMARY"]) == f"Tandem: {mentor.get_full_name()}"
    assert str(event["LOCATION"]) == "https://meet.example.org/raum-7"
    page = settings.SITE_URL + portal_url(
        "tandem_meeting", tandem.round, tandem=tandem.pk, meeting=meeting.pk
    )
    assert str(event["URL"]) == page and page in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "CONFIRMED"
    text = body.decode()
    for secret in (AGENDA, "Publikationsfonds", PRIVATE, SHARED):
        assert secret not in text
    client.force_login(mentor)
    (theirs,) = events(client.get(ics_url(meeting)).content)
    assert str(theirs["SUMMARY"]) == f"Tandem: {mentee.get_full_name()}"


def test_changes_raise_the_sequence_and_a_cancellation_is_marked(client, tandem, mentee):
    meeting = plan(tandem, mentee)
    services.update_meeting(meeting=meeting, by=mentee, starts_at=at(8), duration_minutes=60)
    services.set_meeting_status(meeting=meeting, by=mentee, status=MeetingStatus.CANCELLED)
    client.force_login(mentee)
    (event,) = events(client.get(ics_url(meeting)).content)
    assert int(event["SEQUENCE"]) == 2
    assert str(event["STATUS"]) == "CANCELLED"
    assert event.decoded("DTSTART") == at(8)
    assert "LOCATION" not in event  # no video link given


def test_a_cancelled_meetings_file_is_sent_with_method_cancel(client, tandem, mentee):
    meeting = plan(tandem, mentee)
    client.force_login(mentee)
    planned = icalendar.Calendar.from_ical(client.get(ics_url(meeting)).content)
    assert str(planned["METHOD"]) == "PUBLISH"
    services.set_meeting_status(meeting=meeting, by=mentee, status=MeetingStatus.CANCELLED)
    cancelled = icalendar.Calendar.from_ical(client.get(ics_url(meeting)).content)
    assert str(cancelled["METHOD"]) == "CANCEL"
    (before,), (after,) = planned.walk("VEVENT"), cancelled.walk("VEVENT")
    assert after["UID"] == before["UID"] and int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_nobody_else_gets_the_meeting_file(client, round, tandem, mentee, people, coordinator):
    meeting = plan(tandem, mentee)
    other = other_tandem(round)
    for person in (
        people["coordinator"],
        people["trainer"],
        people["outsider"],
        coordinator,
        other.mentor,
        other.mentee,
    ):
        client.force_login(person)
        response = client.get(ics_url(meeting))
        assert response.status_code == 404
        assert str(meeting.uid) not in response.content.decode()
    client.logout()
    response = client.get(ics_url(meeting))
    assert response.status_code == 302 and response["Location"].startswith(login_url())


def test_the_feed_is_made_on_first_use_and_works_without_login(client, tandem, mentor, mentee):
    workspace = portal_url("tandem_workspace", tandem.round, tandem=tandem.pk)
    client.force_login(mentee)
    assert "Create my calendar address" in client.get(workspace).content.decode()
    response = client.post(portal_url("tandem_calendar_feed", tandem.round, tandem=tandem.pk))
    assert response.status_code == 302
    feed = CalendarFeed.objects.get(person=mentee)
    page = client.get(workspace).content.decode()
    token = re.search(r"/me/calendar/([A-Za-z0-9_-]+)\.ics", page).group(1)
    assert len(token) >= 40
    # Only the hash is stored, and the address is shown once.
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(CalendarFeed.objects.values_list()))
    page = client.get(workspace).content.decode()
    assert token not in page and "shown only once" in page
    client.post(portal_url("tandem_calendar_feed", tandem.round, tandem=tandem.pk))
    assert CalendarFeed.objects.get(person=mentee).token_hash == feed.token_hash  # made once
    feed.token = token

    planned = plan(tandem, mentee, days=3)
    cancelled = plan(tandem, mentor, days=4)
    services.set_meeting_status(meeting=cancelled, by=mentor, status=MeetingStatus.CANCELLED)
    client.logout()
    response = client.get(feed_url(feed))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    found = {str(event["UID"]): event for event in events(response.content)}
    assert set(found) == {str(planned.uid), str(cancelled.uid)}
    assert str(found[str(cancelled.uid)]["STATUS"]) == "CANCELLED"
    assert str(found[str(planned.uid)]["SUMMARY"]) == f"Tandem: {mentor.get_full_name()}"
    assert AGENDA not in response.content.decode()


def test_the_feed_spans_every_tandem_and_round_of_the_person(client, round, tandem, mentor, mentee):
    here = plan(tandem, mentee)
    later_round = RoundFactory(programme=round.programme)
    again = Tandem.objects.create(
        round=later_round, mentor=mentor, mentee=other_tandem(round).mentee
    )
    there = plan(again, mentor)
    stranger = plan(
        other_tandem(later_round),
        Tandem.objects.filter(round=later_round).exclude(pk=again.pk).get().mentor,
    )
    feed = calendar.open_calendar_feed(mentor)
    uids = {str(event["UID"]) for event in events(client.get(feed_url(feed)).content)}
    assert uids == {str(here.uid), str(there.uid)}
    assert str(stranger.uid) not in uids
    feed = calendar.open_calendar_feed(mentee)
    uids = {str(event["UID"]) for event in events(client.get(feed_url(feed)).content)}
    assert uids == {str(here.uid)}


def test_a_wrong_or_renewed_token_is_404(client, tandem, mentee):
    plan(tandem, mentee)
    old = calendar.open_calendar_feed(mentee).token
    client.force_login(mentee)
    response = client.post(
        portal_url("tandem_calendar_feed", tandem.round, tandem=tandem.pk), {"action": "renew"}
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    new = re.search(r"/me/calendar/([A-Za-z0-9_-]+)\.ics", page).group(1)
    assert new != old
    client.logout()
    assert client.get(f"/me/calendar/{old}.ics").status_code == 404
    assert client.get(f"/me/calendar/{new}.ics").status_code == 200
    for wrong in (new[:-1] + ("A" if new[-1] != "A" else "B"), "x" * 43):
        response = client.get(f"/me/calendar/{wrong}.ics")
        assert response.status_code == 404 and AGENDA not in response.content.decode()
    assert client.get("/me/calendar/short.ics").status_code == 404


def test_a_deactivated_account_has_no_feed(client, tandem, mentee):
    feed = calendar.open_calendar_feed(mentee)
    mentee.is_active = False
    mentee.save()
    assert client.get(feed_url(feed)).status_code == 404


def test_only_members_of_a_tandem_in_the_round_manage_a_feed(client, round, tandem, people):
    client.force_login(people["outsider"])
    response = client.post(portal_url("tandem_calendar_feed", round, tandem=tandem.pk))
    assert response.status_code == 404
    assert not CalendarFeed.objects.exists()
