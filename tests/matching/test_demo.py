import pytest

from tandem.demo import stages
from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tandem.matching.enums import Answer, PairRuleKind, ProposalStatus
from tandem.matching.models import MatchRun, PairRule, Proposal
from tandem.programmes.enums import PhaseKind
from tandem.programmes.models import Round
from tandem.tandems.models import Tandem

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(fast_passwords):
    pass


def counts():
    return (
        MatchRun.objects.count(),
        Proposal.objects.count(),
        Tandem.objects.count(),
        PairRule.objects.count(),
        QueuedMail.objects.count(),
    )


def test_demo_matching_stage_shows_every_answer_state_and_builds_once():
    logins = stages.build("matching")
    round = Round.objects.get(slug="durchlauf-2027")
    assert round.current_phase == PhaseKind.MATCHING
    first, second = round.match_runs.order_by("number")
    assert first.sent_at is not None and second.sent_at is None

    sent = first.proposals.all()
    statuses = [p.status for p in sent]
    assert statuses.count(ProposalStatus.ACCEPTED) == 1
    assert statuses.count(ProposalStatus.DECLINED) == 1
    assert statuses.count(ProposalStatus.SENT) == len(sent) - 2 >= 2
    agreed = sent.get(status=ProposalStatus.ACCEPTED)
    tandem = Tandem.objects.get()
    assert (tandem.mentee, tandem.mentor) == (agreed.mentee, agreed.mentor)
    declined = sent.get(status=ProposalStatus.DECLINED)
    assert declined.mentor_answer == Answer.DECLINE and declined.mentee_answer == ""
    assert "Blick von außen" in declined.mentor_comment
    waiting = sent.filter(status=ProposalStatus.SENT)
    assert waiting.filter(mentee_answer=Answer.ACCEPT, mentor_answer="").count() == 1
    assert waiting.filter(mentee_answer="", mentor_answer="").count() == len(sent) - 3

    # The re-solve keeps every sent or agreed pair and never proposes the declined one.
    assert second.summary["kept_pairs"] == len(sent) - 1
    assert PairRule.objects.get().kind == PairRuleKind.EXCLUDE
    new = second.proposals.all()
    assert new and all(p.status == ProposalStatus.DRAFT for p in new)
    assert not new.filter(
        application=declined.application, mentor_profile=declined.mentor_profile
    ).exists()

    # The proposal mails were released; the recruitment invitation still waits for review.
    proposal_mails = QueuedMail.objects.filter(template_key__startswith="proposal_to_")
    assert proposal_mails.count() == 2 * len(sent)
    assert not proposal_mails.filter(status=MailStatus.DRAFT).exists()
    assert QueuedMail.objects.filter(template_key="tandem_formed").count() == 2
    assert (
        QueuedMail.objects.filter(status=MailStatus.DRAFT)
        .exclude(template_key__startswith="proposal_")
        .exists()
    )
    assert ("mentee", agreed.mentee.email, stages.people.PASSWORD) in logins

    before = counts()
    stages.build("matching")
    assert counts() == before
