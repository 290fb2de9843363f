"""Retention per kind of text (issue 16): each kind on its own months, the figures stay.

Tandem texts (agreement, goals, agendas, video links, notes, date polls) and consultation
notes go N months after the round ends, N set per kind in TANDEM_RETENTION_BY_KIND; the
round's tandems, meetings with their lengths, goals' progress and time spent stay.
"""

import datetime as dt

import pytest
import time_machine

from tandem.audit.models import AuditEntry
from tandem.privacy.registry import retention_kinds
from tandem.privacy.retention import apply_retention
from tandem.tandems.models import Agreement, DatePoll, Goal, Meeting, Note, Tandem, TimeSpent
from tandem.training.models import ConsultationBooking, ConsultationSlot
from tests.factories import UserFactory

from .conftest import end_round_on

pytestmark = pytest.mark.django_db
ENDED = dt.date(2027, 3, 31)


@pytest.fixture
def tandem_round(round):
    end_round_on(round, ENDED)
    mentor, mentee = UserFactory(), UserFactory()
    tandem = Tandem.objects.create(round=round, mentor=mentor, mentee=mentee)
    Agreement.objects.create(tandem=tandem, goals="Sichtbarkeit", channel="https://v.example/x")
    Goal.objects.create(tandem=tandem, text="ORCID einführen", progress=60)
    meeting = Meeting.objects.create(
        tandem=tandem,
        starts_at=dt.datetime(2027, 1, 10, 10, tzinfo=dt.UTC),
        duration_minutes=75,
        agenda="Monitoring",
        video_url="https://v.example/m",
    )
    Note.objects.create(meeting=meeting, author=mentee, text="privat")
    TimeSpent.objects.create(meeting=meeting, person=mentee, meeting_minutes=75)
    DatePoll.objects.create(tandem=tandem, note="Passt Ihnen Montag?")
    slot = ConsultationSlot.objects.create(
        round=round, trainer=UserFactory(), starts_at=meeting.starts_at, duration_minutes=30
    )
    ConsultationBooking.objects.create(
        slot=slot, person=mentee, note="Frage zur Rolle", trainer_notes="unsicher"
    )
    return round


def figures(round):
    return {
        "tandems": Tandem.objects.filter(round=round).count(),
        "meetings": list(
            Meeting.objects.filter(tandem__round=round).values_list("starts_at", "duration_minutes")
        ),
        "progress": list(Goal.objects.filter(tandem__round=round).values_list("progress")),
        "minutes": list(TimeSpent.objects.values_list("meeting_minutes")),
        "consultations": ConsultationBooking.objects.filter(slot__round=round).count(),
    }


def texts_left(programme_round):
    agreement = Agreement.objects.get(tandem__round=programme_round)
    meeting = Meeting.objects.get(tandem__round=programme_round)
    return {
        "tandem_texts": bool(
            agreement.goals
            or agreement.channel
            or Goal.objects.exclude(text="").exists()
            or meeting.agenda
            or meeting.video_url
            or Note.objects.exists()
            or DatePoll.objects.exists()
        ),
        "consultation_notes": ConsultationBooking.objects.exclude(note="", trainer_notes="")
        .filter(slot__round=programme_round)
        .exists(),
    }


def test_the_apps_declare_the_kinds():
    assert {"tandem_texts", "consultation_notes"} <= set(retention_kinds())


def test_each_kind_goes_on_its_own_months_and_the_figures_stay(tandem_round, settings):
    settings.TANDEM_RETENTION_MONTHS = 24
    settings.TANDEM_RETENTION_BY_KIND = {"tandem_texts": 3, "consultation_notes": 6}
    before = figures(tandem_round)

    with time_machine.travel(dt.datetime(2027, 6, 30, 12, tzinfo=dt.UTC)):  # 3 months after
        assert apply_retention() == []
        assert texts_left(tandem_round) == {"tandem_texts": True, "consultation_notes": True}

    with time_machine.travel(dt.datetime(2027, 7, 2, 12, tzinfo=dt.UTC)):
        [result] = apply_retention()
    assert result.counts == {
        "meeting_notes": 1,
        "date_polls": 1,
        "agreements_blanked": 1,
        "goals_blanked": 1,
        "agendas_blanked": 1,
        "goal_reflections": 0,
        "early_end_reasons": 0,
    }
    assert texts_left(tandem_round) == {"tandem_texts": False, "consultation_notes": True}
    entry = AuditEntry.objects.get(action="privacy.retention_applied")
    assert entry.data["months_by_kind"] == {"tandem_texts": 3}

    with time_machine.travel(dt.datetime(2027, 10, 1, 12, tzinfo=dt.UTC)):
        [result] = apply_retention()
        assert apply_retention() == []  # a second run changes and logs nothing
    assert {key: n for key, n in result.counts.items() if n} == {"consultation_notes_blanked": 1}
    assert texts_left(tandem_round) == {"tandem_texts": False, "consultation_notes": False}
    assert figures(tandem_round) == before


def test_kinds_not_named_follow_the_general_months(tandem_round, settings):
    settings.TANDEM_RETENTION_MONTHS = 6
    settings.TANDEM_RETENTION_BY_KIND = {}
    with time_machine.travel(dt.datetime(2027, 9, 29, 12, tzinfo=dt.UTC)):
        assert apply_retention() == []
    with time_machine.travel(dt.datetime(2027, 10, 2, 12, tzinfo=dt.UTC)):
        assert len(apply_retention()) == 1
    assert texts_left(tandem_round) == {"tandem_texts": False, "consultation_notes": False}


def test_the_setting_is_read_from_the_environment():
    from django.core.exceptions import ImproperlyConfigured

    from tandem.settings import months_by_kind

    assert months_by_kind("tandem_texts=6, consultation_notes = 3") == {
        "tandem_texts": 6,
        "consultation_notes": 3,
    }
    assert months_by_kind("") == {}
    with pytest.raises(ImproperlyConfigured):
        months_by_kind("tandem_texts=six")
