"""A new match for the person whose partner ended the tandem early (a re-run with the rest kept)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.applications.enums import ApplicationState
from tandem.mail.models import QueuedMail
from tandem.matching import services as matching
from tandem.matching.enums import ProposalStatus
from tandem.matching.models import Proposal
from tandem.matching.rematch import offer_new_match
from tandem.programmes.enums import PhaseKind
from tandem.programmes.models import Phase
from tandem.tandems import early_end
from tandem.tandems.models import Tandem
from tests.conftest import manage_url
from tests.recruitment.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(fast_passwords):
    pass


@pytest.fixture
def formed(round, coordinator, matching_pool):
    """Anna and Mona formed a tandem through a proposal; Bert and Fritz too."""
    run = matching.run_matching(round=round, by=coordinator, settings=matching.MatchSettings())
    matching.send_proposals(
        run=run, answer_by=timezone.localdate() + dt.timedelta(days=7), by=coordinator
    )
    for proposal in run.proposals.all():
        for person in (proposal.mentee, proposal.mentor):
            matching.answer_proposal(proposal=proposal, person=person, answer="accept")
    return Tandem.objects.get(mentee=matching_pool["anna"].person)


def test_the_coordinator_offers_the_remaining_mentee_a_new_match(
    round, coordinator, matching_pool, formed
):
    mona = matching_pool["monitoring"]
    end = early_end.end_tandem(tandem=formed, by=mona.person, category="job")
    assert early_end.may_offer_new_match(end)
    offer_new_match(early_end=end, by=coordinator)
    mona.refresh_from_db()
    assert mona.capacity == 0  # the mentor who left offers one place fewer
    assert Proposal.objects.get(pk=formed.proposal_id).status == ProposalStatus.ENDED
    mail = QueuedMail.objects.get(template_key="tandem_new_match")
    assert mail.to == matching_pool["anna"].person.email
    with pytest.raises(ValidationError, match="already been offered"):
        offer_new_match(early_end=end, by=coordinator)
    # A re-run keeps Bert and Fritz and finds Anna a new mentor (Fritz has no place left;
    # a new mentor joins).
    newcomer = MentorProfileFactory(round=round, levels={"publication_monitoring": 3})
    run = matching.run_matching(round=round, by=coordinator, settings=matching.MatchSettings())
    assert run.summary["kept_pairs"] == 1
    new = run.proposals.get(application=matching_pool["anna"])
    assert new.mentor_profile == newcomer
    matching.send_proposals(
        run=run, answer_by=timezone.localdate() + dt.timedelta(days=7), by=coordinator
    )
    for person in (new.mentee, new.mentor):
        matching.answer_proposal(proposal=new, person=person, answer="accept")
    assert Tandem.objects.filter(mentee=matching_pool["anna"].person).count() == 2


def test_a_mentee_who_ended_the_tandem_leaves_the_pool(round, coordinator, matching_pool, formed):
    anna = matching_pool["anna"]
    end = early_end.end_tandem(tandem=formed, by=anna.person, category="personal")
    offer_new_match(early_end=end, by=coordinator)
    anna.refresh_from_db()
    assert anna.state == ApplicationState.WITHDRAWN
    run = matching.run_matching(round=round, by=coordinator, settings=matching.MatchSettings())
    # Mona's place is free again: Carl, left out before, is proposed to her.
    assert (
        run.proposals.get(mentor_profile=matching_pool["monitoring"]).application
        == (matching_pool["carl"])
    )


def test_too_late_in_the_tandem_phase_no_new_match_is_offered(round, coordinator, formed):
    Phase.objects.update_or_create(
        round=round,
        kind=PhaseKind.TANDEM_PHASE,
        defaults={"starts_on": dt.date(2027, 1, 1), "ends_on": dt.date(2027, 6, 30)},
    )
    end = early_end.end_tandem(tandem=formed, by=formed.mentor, category="time")
    # 180 days; the round's 33 % (the default) end on day 59, 1 March
    with time_machine.travel(dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        assert early_end.may_offer_new_match(end)
    with time_machine.travel(dt.datetime(2027, 3, 2, 12, tzinfo=dt.UTC), tick=False):
        assert not early_end.may_offer_new_match(end)
        with pytest.raises(ValidationError, match="too far along"):
            offer_new_match(early_end=end, by=coordinator)


@pytest.mark.parametrize(("percent", "last_day"), [(50, dt.date(2027, 4, 1)), (0, None)])
def test_each_round_sets_how_long_a_new_match_is_offered(round, formed, percent, last_day):
    round.new_match_within_percent = percent
    round.save(update_fields=["new_match_within_percent"])
    Phase.objects.update_or_create(
        round=round,
        kind=PhaseKind.TANDEM_PHASE,
        defaults={"starts_on": dt.date(2027, 1, 1), "ends_on": dt.date(2027, 6, 30)},
    )
    end = early_end.end_tandem(tandem=formed, by=formed.mentor, category="time")
    for day, expected in (
        (dt.date(2026, 12, 31), last_day is not None),  # before the phase: 0 % offers none
        (dt.date(2027, 1, 1), last_day is not None),
        (last_day or dt.date(2027, 1, 2), last_day is not None),
        ((last_day or dt.date(2027, 1, 2)) + dt.timedelta(days=1), False),
    ):
        assert early_end.may_offer_new_match(end, today=day) == expected, day


def test_the_new_match_button_for_coordinators_only(client, round, coordinator, people, formed):
    end = early_end.end_tandem(tandem=formed, by=formed.mentor, category="time")
    url = manage_url("tandem_new_match", round)
    for role in ("mentor", "mentee", "trainer"):
        client.force_login(people[role])
        assert client.post(url, {"early_end": end.pk}).status_code == 404
    end.refresh_from_db()
    assert end.new_match_offered_at is None
    client.force_login(coordinator)
    assert "Offer" in client.get(manage_url("tandems", round)).content.decode()
    assert client.post(url, {"early_end": "²"}).status_code == 404
    response = client.post(url, {"early_end": end.pk})
    assert response.status_code == 302 and response.url == manage_url("matching", round)
    end.refresh_from_db()
    assert end.new_match_offered_by == coordinator
