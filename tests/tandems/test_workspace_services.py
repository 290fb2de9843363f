"""The workspace's services: agreement, goals, meetings, time spent, notes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.audit.models import AuditEntry
from tandem.mail.models import QueuedMail
from tandem.tandems import selectors, services
from tandem.tandems.enums import MeetingStatus
from tandem.tandems.models import Agreement, Goal, Meeting, Note
from tests.factories import ProgrammeFactory, UserFactory

from .workspace_helpers import (
    AGENDA,
    GOAL,
    GOALS,
    NEW_YORK,
    PRIVATE,
    SHARED,
    agree,
    at,
    plan,
    state,
)

pytestmark = pytest.mark.django_db


def audit_text() -> str:
    return " ".join(str(entry.data) for entry in AuditEntry.objects.all())


# --- agreement -------------------------------------------------------------------------------


def test_a_member_writes_the_agreement_and_the_partner_is_asked_to_confirm(
    tandem, mentor, mentee, round
):
    topics = list(round.programme.topics.all()[:2])
    agreement = agree(tandem, mentee, topics=topics)
    assert agreement.goals == GOALS and set(agreement.topics.all()) == set(topics)
    assert not agreement.confirmed
    mail = QueuedMail.objects.get(template_key="tandem_agreement_changed")
    assert mail.recipient == mentor and mentee.get_full_name() in mail.body
    assert GOALS not in mail.body + mail.subject
    entry = AuditEntry.objects.get(action="tandem.agreement_saved")
    assert entry.actor == mentee and entry.data == {"created": True, "topics": 2}


def test_both_confirm_and_any_change_resets_both(tandem, mentor, mentee):
    agreement = agree(tandem, mentee)
    services.confirm_agreement(tandem=tandem, by=mentee)
    services.confirm_agreement(
        tandem=tandem, by=mentor, version=services.agreement_version(agreement)
    )
    assert Agreement.objects.get().confirmed
    agree(tandem, mentor)  # the same content again: nothing to confirm anew
    assert Agreement.objects.get().confirmed
    assert QueuedMail.objects.filter(template_key="tandem_agreement_changed").count() == 1
    agree(tandem, mentor, rhythm_weeks=3)
    changed = Agreement.objects.get()
    assert changed.rhythm_weeks == 3
    assert changed.mentee_confirmed_at is None and changed.mentor_confirmed_at is None


def test_a_confirmation_refers_to_the_version_read(tandem, mentor, mentee):
    seen = services.agreement_version(agree(tandem, mentee))
    agree(tandem, mentee, goals="Etwas ganz anderes")
    with pytest.raises(ValidationError, match="has changed since you opened"):
        services.confirm_agreement(tandem=tandem, by=mentor, version=seen)
    assert Agreement.objects.get().mentor_confirmed_at is None


def test_nothing_to_confirm_without_an_agreement(tandem, mentee):
    with pytest.raises(ValidationError, match="no agreement"):
        services.confirm_agreement(tandem=tandem, by=mentee)


def test_bad_agreement_input_names_each_field_and_saves_nothing(tandem, mentee):
    foreign_topic = ProgrammeFactory().topics.first()
    before = state()
    with pytest.raises(ValidationError) as raised:
        agree(
            tandem,
            mentee,
            goals="  ",
            topics=[foreign_topic],
            rhythm_weeks=0,
            meeting_minutes=600,
            channel="x" * 501,
        )
    assert set(raised.value.message_dict) == {
        "goals",
        "topics",
        "rhythm_weeks",
        "meeting_minutes",
        "channel",
    }
    assert state() == before


# --- goals -----------------------------------------------------------------------------------


def test_goals_are_added_changed_and_removed_and_logged_without_their_text(tandem, mentee, mentor):
    first = services.add_goal(tandem=tandem, by=mentee, text=f"  {GOAL} ")
    second = services.add_goal(tandem=tandem, by=mentor, text="Zweites Ziel", progress=10)
    assert (first.text, first.progress, first.position, second.position) == (GOAL, 0, 0, 1)
    services.update_goal(goal=first, by=mentor, text=GOAL, progress=60)
    assert Goal.objects.get(pk=first.pk).progress == 60
    services.remove_goal(goal=second, by=mentee)
    assert list(Goal.objects.values_list("text", flat=True)) == [GOAL]
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "tandem.goal_added",
        "tandem.goal_added",
        "tandem.goal_changed",
        "tandem.goal_removed",
    ]
    assert GOAL not in audit_text()


@pytest.mark.parametrize(
    ("text", "progress", "field"),
    [
        ("", 10, "text"),
        (GOAL, 120, "progress"),
        (GOAL, -1, "progress"),
        ("x" * 501, 0, "text"),
    ],
)
def test_bad_goals_are_refused(tandem, mentee, text, progress, field):
    goal = services.add_goal(tandem=tandem, by=mentee, text=GOAL, progress=20)
    before = state()
    with pytest.raises(ValidationError) as raised:
        services.add_goal(tandem=tandem, by=mentee, text=text, progress=progress)
    assert set(raised.value.message_dict) == {field}
    with pytest.raises(ValidationError):
        services.update_goal(goal=goal, by=mentee, text=text, progress=progress)
    assert state() == before


# --- meetings --------------------------------------------------------------------------------


def test_planning_tells_the_partner_in_their_language_and_time_zone_without_the_agenda(
    tandem, mentor, mentee
):
    mentor.language, mentor.time_zone = "de", "America/New_York"
    mentor.save()
    meeting = plan(tandem, mentee, days=9, video_url="https://meet.example.org/geheim")
    assert (meeting.agenda, meeting.created_by, meeting.sequence) == (AGENDA, mentee, 0)
    mail = QueuedMail.objects.get(template_key="tandem_meeting_planned")
    assert mail.recipient == mentor and mail.language == "de"
    local = at(9).astimezone(NEW_YORK)
    assert f"{local:%H:%M}" in mail.body and "America/New_York" in mail.body
    assert "Tandem-Treffen" in mail.subject and "90 Minuten" in mail.body
    assert selectors.meeting_url(meeting) in mail.body
    assert AGENDA not in mail.body + mail.subject
    assert "geheim" not in mail.body
    assert AuditEntry.objects.filter(action="tandem.meeting_planned", actor=mentee).exists()


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"starts_at": at(-61)}, {"starts_at"}),
        ({"duration_minutes": -30}, {"duration_minutes"}),
        ({"duration_minutes": 10_000}, {"duration_minutes"}),
        ({"video_url": "javascript:alert(1)"}, {"video_url"}),
        ({"video_url": "ftp://files.example.org/x"}, {"video_url"}),
        ({"video_url": "https://example.org/" + "x" * 300}, {"video_url"}),
        ({"agenda": "x" * 5001}, {"agenda"}),
        (
            {"starts_at": at(-100), "duration_minutes": 0, "video_url": "kein Link"},
            {"starts_at", "duration_minutes", "video_url"},
        ),
    ],
)
def test_bad_meeting_input_is_refused_on_the_fields_and_nothing_is_saved(
    tandem, mentee, changes, fields
):
    data = {"starts_at": at(3), "duration_minutes": 60, "video_url": "", "agenda": AGENDA}
    before = state()
    with pytest.raises(ValidationError) as raised:
        services.plan_meeting(tandem=tandem, by=mentee, **(data | changes))
    assert set(raised.value.message_dict) == fields
    assert state() == before


def test_a_change_bumps_the_sequence_and_tells_the_partner(tandem, mentor, mentee):
    meeting = plan(tandem, mentee)
    meeting.reminded_at = timezone.now()
    meeting.save()
    changed = services.update_meeting(
        meeting=meeting, by=mentor, starts_at=at(8), duration_minutes=60, video_url="", agenda="Neu"
    )
    assert (changed.starts_at, changed.duration_minutes, changed.sequence) == (at(8), 60, 1)
    assert changed.reminded_at is None  # the new date gets its own reminder
    mail = QueuedMail.objects.get(template_key="tandem_meeting_changed")
    assert mail.recipient == mentee and "Neu" not in mail.body
    assert AuditEntry.objects.get(action="tandem.meeting_changed").data == {
        "fields": ["starts_at", "duration_minutes", "agenda"]
    }


def test_saving_without_a_change_sends_nothing(tandem, mentor, mentee):
    meeting = plan(tandem, mentee)
    before = state()
    services.update_meeting(
        meeting=meeting,
        by=mentor,
        starts_at=meeting.starts_at,
        duration_minutes=90,
        video_url="",
        agenda=f" {AGENDA} ",
    )
    assert state() == before


def test_the_agenda_of_a_long_past_meeting_can_still_be_completed(tandem, mentee):
    meeting = plan(tandem, mentee)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=at(-90))
    meeting.refresh_from_db()
    services.update_meeting(
        meeting=meeting,
        by=mentee,
        starts_at=meeting.starts_at,
        duration_minutes=90,
        agenda="Nachgetragen",
    )
    assert Meeting.objects.get().agenda == "Nachgetragen"
    with pytest.raises(ValidationError) as raised:
        services.update_meeting(meeting=meeting, by=mentee, starts_at=at(-80), duration_minutes=90)
    assert set(raised.value.message_dict) == {"starts_at"}


def test_held_and_cancelled(tandem, mentor, mentee):
    future = plan(tandem, mentee, days=5)
    with pytest.raises(ValidationError, match="once it has begun"):
        services.set_meeting_status(meeting=future, by=mentor, status=MeetingStatus.HELD)
    services.set_meeting_status(meeting=future, by=mentor, status=MeetingStatus.CANCELLED)
    future.refresh_from_db()
    assert (future.status, future.sequence) == (MeetingStatus.CANCELLED, 1)
    assert QueuedMail.objects.get(template_key="tandem_meeting_cancelled").recipient == mentee
    with pytest.raises(ValidationError, match="cannot be marked as held"):
        services.set_meeting_status(meeting=future, by=mentor, status=MeetingStatus.HELD)
    with pytest.raises(ValidationError, match="is cancelled"):
        services.update_meeting(meeting=future, by=mentor, starts_at=at(6), duration_minutes=90)
    services.set_meeting_status(meeting=future, by=mentee, status=MeetingStatus.PLANNED)
    assert QueuedMail.objects.get(template_key="tandem_meeting_changed").recipient == mentor

    past = plan(tandem, mentee, days=-2)
    services.set_meeting_status(meeting=past, by=mentee, status=MeetingStatus.HELD)
    with pytest.raises(ValidationError, match="cannot be cancelled"):
        services.set_meeting_status(meeting=past, by=mentee, status=MeetingStatus.CANCELLED)
    with pytest.raises(ValidationError):
        services.set_meeting_status(meeting=past, by=mentee, status="postponed")
    assert Meeting.objects.get(pk=past.pk).status == MeetingStatus.HELD


# --- time spent ------------------------------------------------------------------------------


def test_each_person_records_their_own_time_and_both_see_both_totals(tandem, mentor, mentee):
    first, second = plan(tandem, mentee, days=-10), plan(tandem, mentee, days=-3)
    services.record_time_spent(
        meeting=first, person=mentee, meeting_minutes=90, preparation_minutes=30
    )
    services.record_time_spent(
        meeting=first, person=mentee, meeting_minutes=80, preparation_minutes=20
    )  # a correction replaces the entry
    services.record_time_spent(
        meeting=second, person=mentee, meeting_minutes=60, preparation_minutes=0
    )
    services.record_time_spent(
        meeting=first, person=mentor, meeting_minutes=80, preparation_minutes=45
    )
    totals = {total.person: total for total in selectors.time_totals(tandem)}
    assert (totals[mentee].meeting_minutes, totals[mentee].preparation_minutes) == (140, 20)
    assert (totals[mentor].meeting_minutes, totals[mentor].total_minutes) == (80, 125)
    per_meeting = {t.person: t.meeting_minutes for t in selectors.time_totals(tandem, second)}
    assert per_meeting == {mentee: 60, mentor: 0}


def test_time_spent_is_checked(tandem, mentee):
    meeting = plan(tandem, mentee, days=-1)
    before = state()
    with pytest.raises(ValidationError) as raised:
        services.record_time_spent(
            meeting=meeting, person=mentee, meeting_minutes=-5, preparation_minutes=601
        )
    assert set(raised.value.message_dict) == {"meeting_minutes", "preparation_minutes"}
    assert state() == before


# --- notes -----------------------------------------------------------------------------------


def test_the_partner_never_reads_a_private_note(tandem, mentor, mentee):
    meeting = plan(tandem, mentee)
    private = services.add_note(meeting=meeting, by=mentee, text=PRIVATE)
    shared = services.add_note(meeting=meeting, by=mentee, text=SHARED, shared=True)
    assert list(selectors.tandem_notes_for_user(meeting, mentee)) == [private, shared]
    assert list(selectors.tandem_notes_for_user(meeting, mentor)) == [shared]
    assert selectors.own_note(meeting, mentor, private.pk) is None
    assert PRIVATE not in audit_text()
    assert AuditEntry.objects.filter(action="tandem.note_added").count() == 2


def test_only_the_author_changes_or_removes_a_note(tandem, mentor, mentee):
    note = services.add_note(meeting=plan(tandem, mentee), by=mentee, text=SHARED, shared=True)
    before = state()
    with pytest.raises(ValidationError, match="Only the author"):
        services.update_note(note=note, by=mentor, text="Übernommen", shared=True)
    with pytest.raises(ValidationError, match="Only the author"):
        services.remove_note(note=note, by=mentor)
    assert state() == before
    services.update_note(note=note, by=mentee, text=PRIVATE, shared=False)
    assert Note.objects.get().shared is False
    services.remove_note(note=note, by=mentee)
    assert not Note.objects.exists()


def test_empty_notes_are_refused(tandem, mentee):
    meeting = plan(tandem, mentee)
    with pytest.raises(ValidationError) as raised:
        services.add_note(meeting=meeting, by=mentee, text="   ")
    assert set(raised.value.message_dict) == {"text"}
    assert not Note.objects.exists()


# --- only the two ----------------------------------------------------------------------------


def refused_calls(tandem, meeting, goal, stranger) -> list:
    return [
        lambda: agree(tandem, stranger),
        lambda: services.confirm_agreement(tandem=tandem, by=stranger),
        lambda: services.add_goal(tandem=tandem, by=stranger, text="x"),
        lambda: services.update_goal(goal=goal, by=stranger, text="x", progress=1),
        lambda: services.remove_goal(goal=goal, by=stranger),
        lambda: plan(tandem, stranger),
        lambda: services.update_meeting(
            meeting=meeting, by=stranger, starts_at=at(2), duration_minutes=60
        ),
        lambda: services.set_meeting_status(
            meeting=meeting, by=stranger, status=MeetingStatus.CANCELLED
        ),
        lambda: services.record_time_spent(
            meeting=meeting, person=stranger, meeting_minutes=1, preparation_minutes=1
        ),
        lambda: services.add_note(meeting=meeting, by=stranger, text="x"),
    ]


def test_nobody_else_changes_anything(tandem, mentee, coordinator):
    meeting = plan(tandem, mentee)
    goal = services.add_goal(tandem=tandem, by=mentee, text=GOAL)
    agree(tandem, mentee)
    before = state()
    for stranger in (coordinator, UserFactory()):
        for call in refused_calls(tandem, meeting, goal, stranger):
            with pytest.raises(ValidationError):
                call()
    assert state() == before


def test_upcoming_and_past_meetings(tandem, mentee):
    soon, later = plan(tandem, mentee, days=2), plan(tandem, mentee, days=20)
    old, cancelled = plan(tandem, mentee, days=-5), plan(tandem, mentee, days=4)
    services.set_meeting_status(meeting=cancelled, by=mentee, status=MeetingStatus.CANCELLED)
    running = plan(tandem, mentee, days=0)
    Meeting.objects.filter(pk=running.pk).update(
        starts_at=timezone.now() - dt.timedelta(minutes=30)
    )
    upcoming, past = selectors.split_meetings(selectors.meetings_of(tandem))
    assert [m.pk for m in upcoming] == [running.pk, soon.pk, later.pk]
    assert [m.pk for m in past] == [cancelled.pk, old.pk]
