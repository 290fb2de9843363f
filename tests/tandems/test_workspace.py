"""The tandem's workspace pages: who may use them, and what they do."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tandem.mail.models import QueuedMail
from tandem.tandems import services
from tandem.tandems.enums import MeetingStatus
from tandem.tandems.models import Agreement, Goal, Meeting, Note, Tandem, TimeSpent
from tests.conftest import portal_url, verified
from tests.factories import UserFactory

from .workspace_helpers import (
    AGENDA,
    BERLIN,
    GOAL,
    GOALS,
    NEW_YORK,
    PRIVATE,
    SHARED,
    agree,
    at,
    local_input,
    login_url,
    other_tandem,
    plan,
    state,
)

pytestmark = pytest.mark.django_db
SECRETS = (AGENDA, GOAL, GOALS, PRIVATE, SHARED)


def url(name, tandem, **kwargs):
    return portal_url(name, tandem.round, tandem=tandem.pk, **kwargs)


def shown(value, zone) -> str:
    with timezone.override(zone):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")


@pytest.fixture
def filled(tandem, mentor, mentee):
    """A tandem with something of everything in it; returns its meeting."""
    agree(tandem, mentee)
    services.add_goal(tandem=tandem, by=mentee, text=GOAL, progress=40)
    meeting = plan(tandem, mentee, days=5)
    services.add_note(meeting=meeting, by=mentee, text=PRIVATE)
    services.add_note(meeting=meeting, by=mentee, text=SHARED, shared=True)
    services.record_time_spent(
        meeting=meeting, person=mentor, meeting_minutes=0, preparation_minutes=25
    )
    return meeting


def every_request(tandem, meeting):
    """(method, url, data) for each page and form of the workspace."""
    goal = tandem.goals.get()
    note = meeting.notes.filter(shared=False).get()
    meeting_data = {"starts_at": local_input(at(6)), "duration_minutes": 60, "agenda": "x"}
    return [
        ("get", portal_url("tandem", tandem.round), None),
        ("get", url("tandem_workspace", tandem), None),
        ("get", url("tandem_agreement", tandem), None),
        (
            "post",
            url("tandem_agreement", tandem),
            {"goals": "x", "rhythm_weeks": 2, "meeting_minutes": 60},
        ),
        ("post", url("tandem_agreement_confirm", tandem), {}),
        ("post", url("tandem_goal_add", tandem), {"text": "x", "progress": 1}),
        ("get", url("tandem_goal", tandem, goal=goal.pk), None),
        ("post", url("tandem_goal", tandem, goal=goal.pk), {"text": "x", "progress": 1}),
        ("post", url("tandem_goal_remove", tandem, goal=goal.pk), {}),
        ("post", url("tandem_calendar_feed", tandem), {}),
        ("get", url("tandem_meeting_new", tandem), None),
        ("post", url("tandem_meeting_new", tandem), meeting_data),
        ("get", url("tandem_meeting", tandem, meeting=meeting.pk), None),
        ("get", url("tandem_meeting_edit", tandem, meeting=meeting.pk), None),
        ("post", url("tandem_meeting_edit", tandem, meeting=meeting.pk), meeting_data),
        ("post", url("tandem_meeting_status", tandem, meeting=meeting.pk), {"status": "cancelled"}),
        (
            "post",
            url("tandem_meeting_time", tandem, meeting=meeting.pk),
            {"meeting_minutes": 1, "preparation_minutes": 1},
        ),
        ("post", url("tandem_note_add", tandem, meeting=meeting.pk), {"text": "x"}),
        ("get", url("tandem_note", tandem, meeting=meeting.pk, note=note.pk), None),
        ("post", url("tandem_note", tandem, meeting=meeting.pk, note=note.pk), {"text": "x"}),
        ("post", url("tandem_note_remove", tandem, meeting=meeting.pk, note=note.pk), {}),
        ("get", url("tandem_meeting_ics", tandem, meeting=meeting.pk), None),
    ]


# --- who may use the pages -------------------------------------------------------------------


@pytest.mark.parametrize("member", ["mentor", "mentee"])
def test_both_members_open_every_page(client, tandem, mentor, mentee, filled, member):
    client.force_login({"mentor": mentor, "mentee": mentee}[member])
    for method, address, _data in every_request(tandem, filled):
        if method == "get" and "/notes/" not in address:
            assert client.get(address).status_code == 200, address
    client.force_login(mentee)  # the author opens her note
    note = filled.notes.filter(shared=False).get()
    assert (
        client.get(url("tandem_note", tandem, meeting=filled.pk, note=note.pk)).status_code == 200
    )


def test_everyone_else_gets_404_sees_nothing_and_changes_nothing(
    client, round, tandem, mentee, filled, people, coordinator
):
    other = other_tandem(round)
    denied = {
        who: people[who]
        for who in ("coordinator", "trainer", "outsider", "foreign_coordinator", "mentor", "mentee")
    }
    denied |= {
        "organisation coordinator": coordinator,
        "other mentor": other.mentor,
        "other mentee": other.mentee,
    }
    requests = every_request(tandem, filled)
    before = state()
    for who, person in denied.items():
        client.force_login(person)
        for method, address, data in requests:
            if who.startswith("other") and address == portal_url("tandem", round):
                continue  # their own tandem lives at this address
            response = getattr(client, method)(address, data)
            assert response.status_code == 404, (who, address)
            html = response.content.decode()
            assert not any(secret in html for secret in SECRETS), (who, address)
            assert mentee.get_full_name() not in html and mentee.email not in html
    assert state() == before


def test_the_other_tandems_workspace_shows_only_their_own(client, round, tandem, filled):
    other = other_tandem(round)
    client.force_login(other.mentee)
    html = client.get(portal_url("tandem", round)).content.decode()
    assert "Olga Other" in html
    assert not any(secret in html for secret in SECRETS)


def test_anonymous_is_sent_to_login_and_sees_nothing(client, tandem, filled):
    before = state()
    for method, address, data in every_request(tandem, filled):
        response = getattr(client, method)(address, data)
        assert response.status_code == 302, address
        assert response["Location"].startswith(login_url())
    assert state() == before


def test_a_person_without_a_tandem_gets_404_in_any_round(client, round, people):
    client.force_login(people["mentee"])
    assert client.get(portal_url("tandem", round)).status_code == 404
    response = client.get(
        reverse("portal:tandem", kwargs={"org": "nope", "programme": "nope", "round": "nope"})
    )
    assert response.status_code == 404


def test_forms_answer_only_to_post(client, tandem, mentee, filled):
    client.force_login(mentee)
    note = filled.notes.filter(shared=False).get()
    for address in (
        url("tandem_agreement_confirm", tandem),
        url("tandem_goal_add", tandem),
        url("tandem_calendar_feed", tandem),
        url("tandem_meeting_status", tandem, meeting=filled.pk),
        url("tandem_note_remove", tandem, meeting=filled.pk, note=note.pk),
    ):
        assert client.get(address).status_code == 405


# --- the workspace ---------------------------------------------------------------------------


def test_the_workspace_shows_partner_agreement_goals_meetings_and_the_promise(
    client, tandem, mentor, mentee, filled
):
    client.force_login(mentee)
    response = client.get(portal_url("tandem", tandem.round))
    html = response.content.decode()
    assert mentor.get_full_name() in html and mentor.email in html
    assert mentor.institution.name in html
    assert GOALS in html and GOAL in html and AGENDA in html
    assert 'value="40"' in html  # the goal's progress
    assert "Coordinators only see whether and when your meetings take place." in html
    assert url("tandem_meeting_ics", tandem, meeting=filled.pk) in html
    assert url("tandem_meeting_new", tandem) in html
    assert portal_url("tandem_polls", tandem.round) in html  # find a date
    assert PRIVATE not in html and SHARED not in html  # notes live on the meeting page
    assert "25 min" in html  # the mentor's preparation, shown to the mentee
    assert 'scope="col"' in html and 'scope="row"' in html


def test_times_are_shown_in_each_persons_time_zone(client, tandem, mentor, mentee, filled):
    mentor.time_zone = "America/New_York"
    mentor.save()
    client.force_login(mentee)
    mine = client.get(url("tandem_workspace", tandem)).content.decode()
    client.force_login(mentor)
    theirs = client.get(url("tandem_workspace", tandem)).content.decode()
    assert shown(filled.starts_at, NEW_YORK) in theirs and "America/New_York" in theirs
    assert shown(filled.starts_at, NEW_YORK) not in mine and "Europe/Berlin" in mine


def test_the_workspace_needs_the_same_queries_for_one_or_many_rows(client, tandem, mentee):
    def count() -> int:
        client.force_login(mentee)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("tandem_workspace", tandem)).status_code == 200
        return len(queries)

    agree(tandem, mentee, topics=list(tandem.round.programme.topics.all()[:1]))
    services.add_goal(tandem=tandem, by=mentee, text=GOAL)
    plan(tandem, mentee, days=3)
    plan(tandem, mentee, days=-3)
    one = count()
    for days in range(4, 12):
        plan(tandem, mentee, days=days)
        plan(tandem, mentee, days=-days)
        services.add_goal(tandem=tandem, by=mentee, text=f"{GOAL} {days}")
    agree(tandem, mentee, topics=list(tandem.round.programme.topics.all()[:5]))
    assert count() == one


def test_a_mentor_with_two_mentees_chooses_the_tandem(client, round, tandem, mentor, mentee):
    second = Tandem.objects.create(
        round=round, mentor=mentor, mentee=verified(UserFactory(name="Zoe Zweite"))
    )
    plan(second, mentor, agenda="Agenda mit Zoe")
    client.force_login(mentor)
    html = client.get(portal_url("tandem", round)).content.decode()
    assert url("tandem_workspace", tandem) in html and url("tandem_workspace", second) in html
    assert "Agenda mit Zoe" not in html
    assert "Agenda mit Zoe" in client.get(url("tandem_workspace", second)).content.decode()
    client.force_login(mentee)
    assert client.get(url("tandem_workspace", second)).status_code == 404


# --- agreement -------------------------------------------------------------------------------


def test_the_agreement_is_written_on_the_page_and_confirmed_by_each(
    client, round, tandem, mentor, mentee
):
    round.meeting_rhythm_weeks, round.meeting_max_minutes = 3, 100
    round.save()
    client.force_login(mentee)
    html = client.get(url("tandem_workspace", tandem)).content.decode()
    assert 'name="rhythm_weeks" value="3"' in html and 'value="100"' in html  # the round's
    topic = round.programme.topics.first()
    response = client.post(
        url("tandem_agreement", tandem),
        {
            "goals": GOALS,
            "topics": [topic.pk],
            "rhythm_weeks": 3,
            "meeting_minutes": 100,
            "channel": "Videokonferenz",
            "confidentiality": "on",
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert (agreement.goals, list(agreement.topics.all())) == (GOALS, [topic])
    assert QueuedMail.objects.get(template_key="tandem_agreement_changed").recipient == mentor
    html = client.get(response["Location"]).content.decode()
    assert GOALS in html and topic.label_en in html and "I confirm this agreement" in html
    assert "Any change to the agreement needs both confirmations again." in html
    version = services.agreement_version(agreement)
    for person in (mentee, mentor):
        client.force_login(person)
        response = client.post(url("tandem_agreement_confirm", tandem), {"version": version})
        assert response.status_code == 302
    assert Agreement.objects.get().confirmed
    html = client.get(url("tandem_workspace", tandem)).content.decode()
    assert "Confirmed by both" in html and "I confirm this agreement" not in html
    edit = client.get(url("tandem_agreement", tandem)).content.decode()
    assert "both confirmations are reset" in edit and GOALS in edit
    client.post(
        url("tandem_agreement", tandem),
        {"goals": GOALS, "topics": [topic.pk], "rhythm_weeks": 2, "meeting_minutes": 100},
    )
    assert not Agreement.objects.get().confirmed


def test_bad_agreement_input_keeps_what_was_typed(client, tandem, mentee):
    client.force_login(mentee)
    before = state()
    response = client.post(
        url("tandem_agreement", tandem),
        {"goals": GOALS, "topics": [999999], "rhythm_weeks": 0, "meeting_minutes": 9999},
    )
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("topics", "rhythm_weeks", "meeting_minutes"):
        assert f'id="id_{field}_error"' in html
    assert "Please give a number of weeks between 1 and 12." in html
    assert GOALS in html
    assert state() == before


def test_confirming_an_agreement_that_changed_meanwhile_is_refused(client, tandem, mentor, mentee):
    seen = services.agreement_version(agree(tandem, mentee))
    agree(tandem, mentee, goals="Neu gefasst")
    client.force_login(mentor)
    before = state()
    response = client.post(url("tandem_agreement_confirm", tandem), {"version": seen})
    assert response.status_code == 400
    assert "has changed since you opened the page" in response.content.decode()
    assert state() == before


# --- goals -----------------------------------------------------------------------------------


def test_goals_on_the_page(client, tandem, mentor, mentee):
    client.force_login(mentee)
    response = client.post(url("tandem_goal_add", tandem), {"text": GOAL, "progress": 10})
    assert response.status_code == 302
    goal = Goal.objects.get()
    client.force_login(mentor)
    assert GOAL in client.get(url("tandem_goal", tandem, goal=goal.pk)).content.decode()
    response = client.post(url("tandem_goal", tandem, goal=goal.pk), {"text": GOAL, "progress": 75})
    assert response.status_code == 302 and Goal.objects.get().progress == 75
    response = client.post(url("tandem_goal_remove", tandem, goal=goal.pk))
    assert response.status_code == 302 and not Goal.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": GOAL, "progress": 120}, "goal_progress", "a number from 0 to 100"),
        ({"text": "", "progress": 10}, "goal_text", "Please describe the goal."),
    ],
)
def test_a_bad_goal_gets_a_message_on_the_field(client, tandem, mentee, data, field, message):
    services.add_goal(tandem=tandem, by=mentee, text="Schon da", progress=50)
    client.force_login(mentee)
    before = state()
    response = client.post(url("tandem_goal_add", tandem), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and message in html
    assert data["text"] in html and "Schon da" in html
    assert state() == before
    goal = Goal.objects.get()
    response = client.post(url("tandem_goal", tandem, goal=goal.pk), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert state() == before


# --- meetings --------------------------------------------------------------------------------


def test_a_meeting_is_planned_in_the_persons_time_zone(client, tandem, mentor, mentee):
    mentee.time_zone = "America/New_York"
    mentee.save()
    agree(tandem, mentor, meeting_minutes=75)
    client.force_login(mentee)
    form = client.get(url("tandem_meeting_new", tandem)).content.decode()
    assert 'value="75"' in form and "https://meet.example.org/tandem" in form  # agreed
    assert "America/New_York" in form
    starts_at = at(10, 18, NEW_YORK)
    response = client.post(
        url("tandem_meeting_new", tandem),
        {
            "starts_at": local_input(starts_at),
            "duration_minutes": 60,
            "video_url": "meet.example.org/raum",
            "agenda": AGENDA,
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("tandem_meeting", tandem, meeting=meeting.pk)
    assert meeting.starts_at == starts_at and meeting.video_url == "https://meet.example.org/raum"
    assert (meeting.agenda, meeting.created_by) == (AGENDA, mentee)
    mail = QueuedMail.objects.get(template_key="tandem_meeting_planned")
    assert mail.recipient == mentor and AGENDA not in mail.body
    client.force_login(mentor)
    page = client.get(response["Location"]).content.decode()
    assert AGENDA in page and shown(starts_at, BERLIN) in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"duration_minutes": -30}, "duration_minutes", "must end after it starts"),
        ({"duration_minutes": 100_000}, "duration_minutes", "between 15 and 480 minutes"),
        ({"starts_at": local_input(at(-70))}, "starts_at", "not long past"),
        ({"starts_at": "nächsten Dienstag"}, "starts_at", "Please give a date and time"),
        ({"starts_at": ""}, "starts_at", "Please give the date and time"),
        ({"video_url": "not a link at all"}, "video_url", "web address"),
        ({"video_url": "ftp://files.example.org/x"}, "video_url", "web address"),
    ],
)
def test_bad_meeting_input_gets_a_message_on_the_field_and_nothing_is_saved(
    client, tandem, mentee, data, field, message
):
    client.force_login(mentee)
    form = {
        "starts_at": local_input(at(5)),
        "duration_minutes": 60,
        "video_url": "",
        "agenda": AGENDA,
    } | data
    before = state()
    response = client.post(url("tandem_meeting_new", tandem), form)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and message in html
    assert f'aria-describedby="id_{field}_error"' in html
    assert AGENDA in html  # what was typed is still there
    assert state() == before


def test_a_meeting_is_changed_on_the_page(client, tandem, mentor, mentee):
    meeting = plan(tandem, mentee)
    client.force_login(mentor)
    edit = url("tandem_meeting_edit", tandem, meeting=meeting.pk)
    assert AGENDA in client.get(edit).content.decode()
    response = client.post(
        edit,
        {
            "starts_at": local_input(at(9, 15)),
            "duration_minutes": 45,
            "video_url": "",
            "agenda": AGENDA + " und Tools",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.duration_minutes, meeting.sequence) == (at(9, 15), 45, 1)
    assert QueuedMail.objects.get(template_key="tandem_meeting_changed").recipient == mentee
    before = state()
    response = client.post(
        edit, {"starts_at": local_input(at(9, 15)), "duration_minutes": 9999, "agenda": "Verloren?"}
    )
    assert response.status_code == 400 and "Verloren?" in response.content.decode()
    assert state() == before


def test_held_and_cancelled_on_the_page(client, tandem, mentor, mentee):
    meeting = plan(tandem, mentee, days=3)
    client.force_login(mentor)
    status = url("tandem_meeting_status", tandem, meeting=meeting.pk)
    before = state()
    response = client.post(status, {"status": "held"})
    assert response.status_code == 400
    assert "once it has begun" in response.content.decode()
    assert client.post(status, {"status": "verschoben"}).status_code == 400
    assert state() == before
    assert client.post(status, {"status": "cancelled"}).status_code == 302
    assert Meeting.objects.get().status == MeetingStatus.CANCELLED
    html = client.get(url("tandem_meeting", tandem, meeting=meeting.pk)).content.decode()
    assert "Plan it again" in html and "Cancelled" in html


def test_each_records_their_time_and_both_see_both(client, tandem, mentor, mentee):
    meeting = plan(tandem, mentee, days=-1)
    address = url("tandem_meeting_time", tandem, meeting=meeting.pk)
    client.force_login(mentee)
    assert (
        client.post(address, {"meeting_minutes": 90, "preparation_minutes": 35}).status_code == 302
    )
    client.force_login(mentor)
    assert (
        client.post(address, {"meeting_minutes": 90, "preparation_minutes": 50}).status_code == 302
    )
    before = state()
    response = client.post(address, {"meeting_minutes": 700, "preparation_minutes": 5})
    assert response.status_code == 400
    assert 'id="id_meeting_minutes_error"' in response.content.decode()
    assert state() == before
    assert TimeSpent.objects.count() == 2
    for person in (mentor, mentee):
        client.force_login(person)
        html = client.get(url("tandem_workspace", tandem)).content.decode()
        assert "35 min" in html and "50 min" in html


# --- notes -----------------------------------------------------------------------------------


def test_the_partner_never_sees_a_private_note(client, tandem, mentor, mentee):
    meeting = plan(tandem, mentee)
    page = url("tandem_meeting", tandem, meeting=meeting.pk)
    client.force_login(mentee)
    for text, shared in ((PRIVATE, ""), (SHARED, "on")):
        response = client.post(
            url("tandem_note_add", tandem, meeting=meeting.pk), {"text": text, "shared": shared}
        )
        assert response.status_code == 302
    private = Note.objects.get(text=PRIVATE)
    assert not private.shared and Note.objects.get(text=SHARED).shared
    mine = client.get(page).content.decode()
    assert PRIVATE in mine and SHARED in mine
    client.force_login(mentor)
    theirs = client.get(page).content.decode()
    assert SHARED in theirs and PRIVATE not in theirs
    assert PRIVATE not in client.get(url("tandem_workspace", tandem)).content.decode()
    for note in Note.objects.all():
        before = state()
        edit = url("tandem_note", tandem, meeting=meeting.pk, note=note.pk)
        remove = url("tandem_note_remove", tandem, meeting=meeting.pk, note=note.pk)
        for response in (client.get(edit), client.post(edit, {"text": "x"}), client.post(remove)):
            assert response.status_code == 404
            assert PRIVATE not in response.content.decode()
        assert state() == before


def test_the_author_changes_and_removes_a_note(client, tandem, mentee):
    meeting = plan(tandem, mentee)
    note = services.add_note(meeting=meeting, by=mentee, text=PRIVATE)
    edit = url("tandem_note", tandem, meeting=meeting.pk, note=note.pk)
    client.force_login(mentee)
    assert PRIVATE in client.get(edit).content.decode()
    before = state()
    response = client.post(edit, {"text": " ", "shared": "on"})
    assert response.status_code == 400 and 'id="id_text_error"' in response.content.decode()
    assert state() == before
    assert client.post(edit, {"text": SHARED, "shared": "on"}).status_code == 302
    assert Note.objects.get().shared
    remove = url("tandem_note_remove", tandem, meeting=meeting.pk, note=note.pk)
    assert client.post(remove).status_code == 302 and not Note.objects.exists()


def test_round_page_links_to_the_workspace_only_for_members(client, tandem, people):
    from django.urls import reverse

    from tandem.programmes.models import RoundRole

    # In a real round the mentee holds the mentee role since the application.
    RoundRole.objects.get_or_create(round=tandem.round, person=tandem.mentee, role="mentee")
    url = reverse("portal:round", kwargs=tandem.round.url_kwargs)
    workspace = reverse("portal:tandem", kwargs=tandem.round.url_kwargs)
    client.force_login(tandem.mentee)
    assert workspace in client.get(url).content.decode()
    client.force_login(people["mentor"])
    assert workspace not in client.get(url).content.decode()
