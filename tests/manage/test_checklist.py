"""The coordinator's checklist follows the round's current phase."""

import pytest

from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tandem.manage.checklist import round_checklist
from tandem.matching.enums import ProposalStatus
from tandem.matching.models import MatchRun, Proposal
from tandem.programmes.enums import PhaseKind, RoleKind
from tandem.tandems.models import Tandem
from tests.applications.factories import ApplicationFactory
from tests.factories import RoundRoleFactory
from tests.recruitment.factories import MentorProfileFactory
from tests.tandems.workspace_helpers import agree

pytestmark = pytest.mark.django_db


def items(round):
    return {item.label: item for item in round_checklist(round)}


def at_phase(round, phase):
    round.current_phase = phase
    round.save()
    return round


def test_set_up_checks_the_basics_and_nothing_of_later_phases(round):
    checks = items(at_phase(round, PhaseKind.SETUP))
    assert checks["Topic taxonomy defined"].done
    assert checks["Dates set for every phase"].done
    assert not checks["A trainer is assigned"].done
    assert not checks["Mentors recruited"].done
    assert "Every sent proposal has been answered" not in checks
    RoundRoleFactory(round=round, role=RoleKind.TRAINER)
    RoundRoleFactory(round=round, role=RoleKind.MENTOR)
    checks = items(round)
    assert checks["A trainer is assigned"].done
    assert checks["Mentors recruited"].detail == "1 mentors, 1 places"


def test_matching_stays_open_while_proposal_answers_are_missing(round):
    at_phase(round, PhaseKind.MATCHING)
    assert "Topic taxonomy defined" not in items(round)
    run = MatchRun.objects.create(round=round, number=1, mode="optimal")
    proposal = Proposal.objects.create(
        run=run,
        round=round,
        score=0.5,
        application=ApplicationFactory(round=round),
        mentor_profile=MentorProfileFactory(round=round),
    )
    checks = items(round)
    assert checks["Matching has been run"].done
    assert not checks["No proposal waits to be sent"].done
    proposal.status = ProposalStatus.SENT
    proposal.mentee_answer = "accept"
    proposal.save()
    checks = items(round)
    assert checks["No proposal waits to be sent"].done
    answered = checks["Every sent proposal has been answered"]
    assert not answered.done and answered.detail == "without both answers: 1"
    proposal.mentor_answer = "accept"
    proposal.save()
    assert items(round)["Every sent proposal has been answered"].done


def test_tandem_phase_checks_agreements_quiet_tandems_and_drafts(round):
    at_phase(round, PhaseKind.TANDEM_PHASE)
    mentor = MentorProfileFactory(round=round).person
    mentee = ApplicationFactory(round=round).person
    tandem = Tandem.objects.create(round=round, mentor=mentor, mentee=mentee)
    checks = items(round)
    assert not checks["Every tandem has confirmed its agreement"].done
    assert "No tandem is quiet" in checks
    agree(tandem, mentee)
    from tandem.tandems import services

    services.confirm_agreement(tandem=tandem, by=mentee)
    assert not items(round)["Every tandem has confirmed its agreement"].done
    services.confirm_agreement(tandem=tandem, by=mentor)
    assert items(round)["Every tandem has confirmed its agreement"].done
    assert items(round)["No e-mail draft waits for review"].done
    QueuedMail.objects.create(
        round=round, to="a@example.org", subject="S", body="B", status=MailStatus.DRAFT
    )
    assert not items(round)["No e-mail draft waits for review"].done
