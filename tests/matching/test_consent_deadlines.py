"""Answer dates with consequences: reminders, and the coordinators' choice once they pass."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.audit.models import AuditEntry
from tandem.mail.models import QueuedMail
from tandem.manage.checklist import no_answers_overdue
from tandem.matching import consent, services
from tandem.matching.enums import PairRuleKind, ProposalStatus
from tandem.matching.models import PairRule, Proposal
from tandem.programmes.enums import PhaseKind
from tests.conftest import DENIED_ROLES, manage_url

pytestmark = pytest.mark.django_db

START = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fast(fast_passwords):
    """Many accounts per test: Argon2 is for production."""


@pytest.fixture
def sent(round, coordinator, matching_pool):
    """Two proposals sent on 1 March 2027, answers due by 15 March."""
    with time_machine.travel(START, tick=False):
        run = services.run_matching(round=round, by=coordinator, settings=services.MatchSettings())
        services.send_proposals(run=run, answer_by=dt.date(2027, 3, 15), by=coordinator)
    return list(run.proposals.order_by("pk"))


def reminders():
    return list(
        QueuedMail.objects.filter(template_key="proposal_reminder").values_list("to", flat=True)
    )


def travel(day: int, hour: int = 8):
    return time_machine.travel(dt.datetime(2027, 3, day, hour, tzinfo=dt.UTC), tick=False)


def test_reminders_go_a_few_days_before_and_on_the_day_to_whoever_has_not_answered(sent):
    first, second = sent
    with travel(11):
        assert consent.remind_unanswered() == 0  # too early
    with travel(12):
        services.answer_proposal(proposal=first, person=first.mentee, answer="accept")
        assert consent.remind_unanswered() == 3  # first's mentor, both of second
        assert consent.remind_unanswered() == 0  # once per stage
    assert first.mentee.email not in reminders()
    with travel(13):
        assert consent.remind_unanswered() == 0
    with travel(15):
        assert consent.remind_unanswered() == 3  # the day itself
    with travel(16):
        assert consent.remind_unanswered() == 0  # past: the coordinators decide now
    assert sorted(reminders()) == sorted(
        [first.mentor.email, second.mentee.email, second.mentor.email] * 2
    )
    assert AuditEntry.objects.filter(action="matching.proposal_reminded").count() == 6


def test_a_missed_day_is_caught_up_but_nothing_is_sent_twice(sent):
    with travel(14):  # the job did not run on the 12th and 13th
        assert consent.remind_unanswered() == 4
    with travel(15):
        assert consent.remind_unanswered() == 4
        assert consent.remind_unanswered() == 0


def test_reminder_texts_name_partner_and_date_in_the_persons_language(sent):
    first = sent[0]
    first.mentee.language = "de"
    first.mentee.save()
    with travel(12):
        consent.remind_unanswered()
    mail = QueuedMail.objects.get(template_key="proposal_reminder", to=first.mentee.email)
    assert "15. März 2027" in mail.body and first.mentor.get_full_name() in mail.body
    assert mail.subject.startswith("Erinnerung")


def test_overdue_proposals_appear_once_the_date_has_passed(round, sent):
    with travel(15):
        assert not consent.overdue_proposals(round).exists()
    with travel(16):
        assert list(consent.overdue_proposals(round)) == sent
        round.current_phase = PhaseKind.MATCHING
        item = no_answers_overdue(round)
        assert not item.done and "overdue: 2" in item.detail and item.url.endswith("/overdue/")


def test_extending_gives_a_new_date_and_restarts_the_reminders(round, coordinator, sent):
    first, second = sent
    with travel(12):
        consent.remind_unanswered()
        services.answer_proposal(proposal=first, person=first.mentee, answer="accept")
    with travel(16):
        changed = consent.resolve_overdue(
            round=round, choice="extend", new_date=dt.date(2027, 3, 22), by=coordinator
        )
    assert changed == 2
    first.refresh_from_db()
    assert first.answer_by == dt.date(2027, 3, 22) and first.mentee_reminded_on is None
    extended = QueuedMail.objects.filter(template_key="proposal_extended")
    # Who had answered needs no mail.
    assert first.mentee.email not in extended.values_list("to", flat=True)
    assert extended.count() == 3
    with travel(17):
        services.answer_proposal(proposal=first, person=first.mentor, answer="accept")
    first.refresh_from_db()
    assert first.status == ProposalStatus.ACCEPTED
    with travel(19):
        assert consent.remind_unanswered() == 2  # second's two, on the new date's schedule


def test_silence_counts_as_a_decline_and_excludes_the_pair(round, coordinator, sent):
    first = sent[0]
    with travel(16):
        assert consent.resolve_overdue(round=round, choice="lapse", by=coordinator) == 2
    first.refresh_from_db()
    assert first.status == ProposalStatus.LAPSED
    rule = PairRule.objects.get(application=first.application, mentor_profile=first.mentor_profile)
    assert rule.kind == PairRuleKind.EXCLUDE and rule.reason == "No answer in time"
    assert QueuedMail.objects.filter(template_key="proposal_lapsed").count() == 4
    entry = AuditEntry.objects.get(action="matching.overdue_resolved")
    assert entry.data["choice"] == "lapse" and entry.data["count"] == 2
    # A late answer is refused; the next run solves again without the lapsed pairs.
    with travel(17), pytest.raises(ValidationError):
        services.answer_proposal(proposal=first, person=first.mentee, answer="accept")
    with travel(17):
        run = services.run_matching(round=round, by=coordinator, settings=services.MatchSettings())
    assert (first.application_id, first.mentor_profile_id) not in {
        (p.application_id, p.mentor_profile_id) for p in run.proposals.all()
    }


def test_taking_back_uses_the_withdrawal(round, coordinator, sent):
    with travel(16):
        consent.resolve_overdue(round=round, choice="withdraw", by=coordinator)
    assert set(Proposal.objects.values_list("status", flat=True)) == {ProposalStatus.SUPERSEDED}
    assert QueuedMail.objects.filter(template_key="proposal_withdrawn").count() == 4


def test_answered_or_not_yet_due_proposals_are_left_alone(round, coordinator, sent):
    first, second = sent
    with travel(12):
        services.answer_proposal(proposal=first, person=first.mentee, answer="accept")
        services.answer_proposal(proposal=first, person=first.mentor, answer="accept")
        assert consent.resolve_overdue(round=round, choice="lapse", by=coordinator) == 0
    second.refresh_from_db()
    assert second.status == ProposalStatus.SENT


def test_bad_choices_are_refused(round, coordinator, sent):
    with travel(16):
        with pytest.raises(ValidationError) as error:
            consent.resolve_overdue(round=round, choice="extend", by=coordinator)
        assert "new_date" in error.value.message_dict
        with pytest.raises(ValidationError):
            consent.resolve_overdue(
                round=round, choice="extend", new_date=dt.date(2027, 3, 1), by=coordinator
            )
        with pytest.raises(ValidationError):
            consent.resolve_overdue(round=round, choice="shrug", by=coordinator)
    assert set(Proposal.objects.values_list("status", flat=True)) == {ProposalStatus.SENT}


# --- the pages --------------------------------------------------------------------------


def test_the_round_and_matching_pages_prompt_the_coordinators(client, round, coordinator, sent):
    with travel(16):
        client.force_login(coordinator)
        for page in ("round", "matching"):
            html = client.get(manage_url(page, round)).content.decode()
            assert "The date for answers has passed for 2 proposals" in html
        page = client.get(manage_url("matching_overdue", round))
    assert page.status_code == 200 and sent[0].mentee.get_full_name() in page.content.decode()


def test_the_coordinator_decides_on_the_page(client, round, coordinator, sent):
    url = manage_url("matching_overdue", round)
    with travel(16):
        client.force_login(coordinator)
        response = client.post(url, {"choice": "extend"})
        assert response.status_code == 400
        assert "Please give the new date for answers." in response.content.decode()
        response = client.post(url, {"choice": "extend", "new_date": "2027-03-25"})
    assert response.status_code == 302
    assert set(Proposal.objects.values_list("answer_by", flat=True)) == {dt.date(2027, 3, 25)}


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_nobody_else_reaches_the_overdue_page(client, round, people, sent, role):
    url = manage_url("matching_overdue", round)
    with travel(16):
        client.force_login(people[role])
        assert client.get(url).status_code == 404
        assert client.post(url, {"choice": "lapse"}).status_code == 404
    assert set(Proposal.objects.values_list("status", flat=True)) == {ProposalStatus.SENT}


def test_the_scheduled_job_and_the_command_send_the_reminders(sent):
    from django.core.management import call_command

    from tandem.matching.tasks import remind_proposals

    with travel(12):
        assert remind_proposals.call() == 4
        call_command("remind_proposals", stdout=io.StringIO())
    assert len(reminders()) == 4
    assert timezone.now()  # time travel ended cleanly


def test_a_lapsed_proposal_reads_as_not_come_about_in_the_portal(client, round, coordinator, sent):
    from tests.conftest import portal_url

    with travel(16):
        consent.resolve_overdue(round=round, choice="lapse", by=coordinator)
        client.force_login(sent[0].mentee)
        page = client.get(portal_url("proposal", round)).content.decode()
    assert "This proposal did not come about" in page


@pytest.mark.parametrize(("days", "first_day"), [(7, 8), (0, 15)])
def test_each_round_reminds_on_its_own_days(sent, round, days, first_day):
    round.proposal_reminder_days = days
    round.save(update_fields=["proposal_reminder_days"])
    with travel(first_day - 1):
        assert consent.remind_unanswered() == 0  # not yet
    with travel(first_day):
        assert consent.remind_unanswered() == 4  # both sides of both proposals
    with travel(15):
        # the day itself reminds again; with 0 days that was the first reminder
        assert consent.remind_unanswered() == (4 if days else 0)
