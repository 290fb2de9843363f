import pytest
import time_machine

from tandem.programmes import selectors
from tandem.programmes.enums import PhaseKind, RoleKind
from tests.factories import RoundFactory, RoundRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_timeline_marks_current_and_done_phases(round):
    round.current_phase = PhaseKind.APPLICATIONS
    round.save()
    steps = selectors.round_timeline(round)
    assert [s.kind for s in steps] == list(PhaseKind)
    assert [s.kind for s in steps if s.is_current] == [PhaseKind.APPLICATIONS]
    assert [s.kind for s in steps if s.is_done] == [
        PhaseKind.SETUP,
        PhaseKind.RECRUITMENT,
        PhaseKind.INFO_EVENT,
    ]


def test_dashboard_shows_only_own_rounds_with_what_is_due(round):
    person = UserFactory()
    RoundRoleFactory(round=round, person=person, role=RoleKind.MENTOR)
    RoundFactory()  # someone else's round
    with time_machine.travel(round.phases.get(kind="setup").starts_on):
        entries = selectors.dashboard_for_user(person)
    assert [entry.round for entry in entries] == [round]
    assert entries[0].roles == ["mentor"]
    assert not entries[0].manages
    assert any("Set-up runs until" in item for item in entries[0].due)
    assert any("Next: Mentor recruitment" in item for item in entries[0].due)
