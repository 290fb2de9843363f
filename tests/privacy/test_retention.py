import datetime as dt
import io
import time

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from tandem.applications.enums import ApplicationState
from tandem.applications.models import Application
from tandem.audit.models import AuditEntry
from tandem.matching.enums import ProposalStatus
from tandem.matching.models import MatchRun, PairRule, Proposal
from tandem.privacy import tasks
from tandem.privacy.retention import apply_retention, months_before
from tandem.programmes.enums import RoleKind
from tandem.programmes.invitations import invite_to_role
from tandem.programmes.models import RoleInvitation, RoundRole
from tandem.recruitment.models import Candidate, InfoEventRegistration, MentorProfile
from tandem.tandems.models import DatePoll, Goal, GoalReflection, Meeting, Note, Tandem
from tests.applications.factories import ApplicationFactory
from tests.factories import RoundFactory, RoundRoleFactory
from tests.recruitment.factories import CandidateFactory, InfoEventFactory, MentorProfileFactory

from .conftest import end_round_on, with_files

pytestmark = pytest.mark.django_db
S = ApplicationState
TODAY = dt.date(2027, 9, 15)


def filled_round(round, ended_on):
    """A round with every kind of data retention looks at; returns what was made."""
    end_round_on(round, ended_on)
    made = {state: ApplicationFactory(round=round, state=state) for state in S}
    for state in (S.WAITLISTED, S.ADMITTED):
        RoundRoleFactory(round=round, person=made[state].person, role=RoleKind.MENTEE)
    event = InfoEventFactory(round=round)
    event.registrations.create(
        name="Gast", email="gast@example.org", consent_text="ok", consented_at=event.starts_at
    )
    CandidateFactory(round=round, notes="arbeitet viel")
    # A role invitation nobody answered, and one that gave a role (which stays).
    for email in ("offen@example.org", "angenommen@example.org"):
        invite_to_role(
            round=round, email=email, name="Eingeladen", role="trainer", language="de", by=None
        )
    accepted = RoundRoleFactory(round=round, role=RoleKind.TRAINER)
    RoleInvitation.objects.filter(email="angenommen@example.org").update(
        accepted_at=event.starts_at, accepted_by=accepted.person
    )
    made["trainer_role"] = accepted
    made["profile"] = with_files(MentorProfileFactory(round=round))
    # Matching: an agreed pair (stays with its tandem), a declined one and a pair rule.
    run = MatchRun.objects.create(round=round, number=1, mode="optimal")
    made["agreed"] = Proposal.objects.create(
        run=run,
        round=round,
        application=made[S.ADMITTED],
        mentor_profile=made["profile"],
        score=0.7,
        status=ProposalStatus.ACCEPTED,
    )
    Proposal.objects.create(
        run=run,
        round=round,
        application=made[S.WAITLISTED],
        mentor_profile=made["profile"],
        score=0.5,
        status=ProposalStatus.DECLINED,
        mentee_comment="passt nicht",
    )
    PairRule.objects.create(
        round=round,
        application=made[S.SUBMITTED],
        mentor_profile=made["profile"],
        kind="exclude",
        reason="kennen sich privat",
    )
    # The tandem phase: a meeting with a note, and a date poll.
    tandem = Tandem.objects.create(
        round=round,
        mentor=made["profile"].person,
        mentee=made[S.ADMITTED].person,
        proposal=made["agreed"],
    )
    made["meeting"] = Meeting.objects.create(
        tandem=tandem, starts_at=event.starts_at, agenda="Monitoring-Konzept"
    )
    Note.objects.create(meeting=made["meeting"], author=tandem.mentee, text="privat")
    DatePoll.objects.create(tandem=tandem)
    goal = Goal.objects.create(tandem=tandem, text="Monitoring aufbauen", progress=50)
    GoalReflection.objects.create(
        goal=goal, author=tandem.mentee, progress_before=0, progress_after=50, text="gut"
    )
    return made


def test_month_arithmetic_keeps_to_the_calendar():
    assert months_before(dt.date(2027, 3, 31), 1) == dt.date(2027, 2, 28)
    assert months_before(dt.date(2027, 1, 15), 6) == dt.date(2026, 7, 15)
    assert months_before(dt.date(2027, 9, 15), 0) == dt.date(2027, 9, 15)


def test_a_round_past_retention_is_cleaned(round, django_capture_on_commit_callbacks):
    made = filled_round(round, months_before(TODAY, 7))
    photo = made["profile"].photo.name
    admitted = made[S.ADMITTED]

    with django_capture_on_commit_callbacks(execute=True):
        [result] = apply_retention(months=6, today=TODAY)

    assert result.round == round
    assert list(Application.objects.filter(round=round)) == [admitted]
    admitted.refresh_from_db()
    assert admitted.expectations == "Austausch zum Publikationsmonitoring"
    assert set(
        RoundRole.objects.filter(round=round, role=RoleKind.MENTEE).values_list("person", flat=True)
    ) == {admitted.person_id}
    assert not InfoEventRegistration.objects.filter(event__round=round).exists()
    assert not Candidate.objects.filter(round=round).exists()
    assert not RoleInvitation.objects.filter(round=round).exists()
    assert RoundRole.objects.filter(pk=made["trainer_role"].pk).exists()
    profile = MentorProfile.objects.get(pk=made["profile"].pk)
    assert not profile.photo and not profile.slides
    assert profile.presentation  # the profile's text belongs to the tandems and stays
    assert not default_storage.exists(photo)

    entry = AuditEntry.objects.get(action="privacy.retention_applied")
    assert entry.round_id == round.pk and entry.round_label.endswith(round.name)
    assert entry.actor is None
    assert list(Proposal.objects.filter(round=round)) == [made["agreed"]]
    assert not PairRule.objects.filter(round=round).exists()
    assert not Note.objects.exists() and not DatePoll.objects.exists()
    meeting = Meeting.objects.get(pk=made["meeting"].pk)  # that it took place stays
    assert meeting.agenda == "" and meeting.duration_minutes == made["meeting"].duration_minutes
    assert not GoalReflection.objects.exists() and Goal.objects.exists()
    assert entry.data == {
        "applications": 6,
        "mentee_roles": 1,
        "imported_applications": 0,
        "info_event_registrations": 1,
        "candidates": 1,
        "proposals": 1,
        "pair_rules": 1,
        "meeting_notes": 1,
        "date_polls": 1,
        "agreements_blanked": 0,
        "goals_blanked": 1,
        "agendas_blanked": 1,
        "consultation_notes_blanked": 0,
        "survey_free_texts_removed": 0,
        "interview_notes_deleted": 0,
        "goal_reflections": 1,
        "early_end_reasons": 0,
        "mentor_profile_files": 2,
        "role_invitations": 2,
        "months": 6,
        "ended_on": months_before(TODAY, 7).isoformat(),
    }


def test_a_round_within_retention_is_untouched(round):
    made = filled_round(round, months_before(TODAY, 5))
    other = filled_round(RoundFactory(), months_before(TODAY, 6))  # exactly six: not yet
    assert apply_retention(months=6, today=TODAY) == []
    assert Application.objects.filter(round=round).count() == len(S)
    assert Candidate.objects.filter(round__in=[round, other[S.DRAFT].round]).count() == 2
    assert MentorProfile.objects.get(pk=made["profile"].pk).photo
    assert not AuditEntry.objects.filter(action="privacy.retention_applied").exists()


def test_a_round_without_dates_never_ends(round):
    round.phases.all().delete()
    ApplicationFactory(round=round, state=S.DECLINED)
    assert apply_retention(months=0, today=TODAY) == []
    assert Application.objects.filter(round=round).exists()


def test_a_second_run_changes_and_logs_nothing(round):
    filled_round(round, months_before(TODAY, 12))
    assert len(apply_retention(months=6, today=TODAY)) == 1
    assert apply_retention(months=6, today=TODAY) == []
    assert AuditEntry.objects.filter(action="privacy.retention_applied").count() == 1


def test_the_setting_decides_the_months(round, settings):
    filled_round(round, months_before(TODAY, 3))
    settings.TANDEM_RETENTION_MONTHS = 6
    assert apply_retention(today=TODAY) == []
    settings.TANDEM_RETENTION_MONTHS = 2
    assert [result.round for result in apply_retention(today=TODAY)] == [round]


def test_the_command_dry_run_prints_and_deletes_nothing(round):
    made = filled_round(round, months_before(TODAY, 8))
    out = io.StringIO()
    with time_machine.travel(dt.datetime(2027, 9, 15, 12), tick=False):
        call_command("apply_retention", "--dry-run", stdout=out)
    text = out.getvalue()
    ended = months_before(TODAY, 8)
    line = next(line for line in text.splitlines() if line.startswith(f"{round} "))
    assert line.startswith(f"{round} (ended {ended:%Y-%m-%d}): would delete ")
    assert "6 applications" in line and "1 candidates" in line
    assert "1 round(s) to clean, retention 6 months" in text
    assert Application.objects.filter(round=round).count() == len(S)
    assert MentorProfile.objects.get(pk=made["profile"].pk).slides
    assert not AuditEntry.objects.filter(action="privacy.retention_applied").exists()


def test_the_command_cleans(round, settings):
    from pathlib import Path

    filled_round(round, months_before(TODAY, 8))
    # An import abandoned the day before goes too (its rows are applicants' data).
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True)
    abandoned = folder / ("a" * 32)
    abandoned.write_bytes(b"email;name")
    out = io.StringIO()
    with time_machine.travel(dt.datetime(2027, 9, 15, 12), tick=False):
        import os

        os.utime(abandoned, (time.time() - 2 * 86400,) * 2)
        call_command("apply_retention", stdout=out)
    assert "deleted " in out.getvalue() and "6 applications" in out.getvalue()
    assert "1 abandoned import file(s) removed" in out.getvalue()
    assert Application.objects.filter(round=round).count() == 1
    assert not abandoned.exists()


def test_the_command_refuses_negative_months():
    with pytest.raises(CommandError):
        call_command("apply_retention", "--months", "-1", stdout=io.StringIO())


def test_the_scheduled_task_cleans(round):
    filled_round(round, months_before(TODAY, 8))
    with time_machine.travel(dt.datetime(2027, 9, 15, 12), tick=False):
        result = tasks.apply_retention.enqueue()
    [row] = result.return_value
    assert row["round"] == round.pk
    assert row["applications"] == 6
    assert Application.objects.filter(round=round).count() == 1
