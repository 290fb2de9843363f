"""Selection and matching with the real engine on database rounds (DESIGN.md §4)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.applications.enums import ApplicationState
from tandem.audit.models import AuditEntry
from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tandem.matching import services
from tandem.matching.engine import CAPACITY, RULE_SAME_INSTITUTION
from tandem.matching.enums import Answer, PairRuleKind, ProposalStatus
from tandem.matching.models import PairRule, Proposal
from tandem.tandems.models import Tandem

pytestmark = pytest.mark.django_db
S = services.MatchSettings


@pytest.fixture
def pool(matching_pool):
    return matching_pool


def pairs(run):
    return {(p.application.person.name, p.mentor_profile.person.name) for p in run.proposals.all()}


def test_run_chooses_whom_to_admit_and_explains(round, coordinator, pool):
    run = services.run_matching(round=round, by=coordinator, settings=S())
    assert pairs(run) == {("Anna Adler", "Mona Monitoring"), ("Bert Berg", "Fritz Fonds")}
    [left_out] = run.summary["unplaced"]
    assert left_out["application"] == pool["carl"].pk and left_out["reason"] == CAPACITY
    anna = run.proposals.get(application=pool["anna"])
    assert 0 < anna.score <= 1 and set(anna.components) == {
        "topic",
        "text",
        "context",
        "preference",
    }
    assert [t["topic"] for t in anna.explanation["shared_topics"]] == ["publication_monitoring"]
    assert anna.status == ProposalStatus.DRAFT
    # The run keeps what it was given and compares the three modes on the same data.
    assert run.inputs["applications"] == sorted(
        a.pk for a in (pool["anna"], pool["bert"], pool["carl"])
    )
    assert {row["mode"] for row in run.summary["comparison"]} == {"optimal", "stable", "fair"}
    assert run.parameters["min_fit"] == 0.25 and run.number == 1
    assert AuditEntry.objects.filter(action="matching.run", actor=coordinator).exists()


def test_same_institution_is_never_proposed(round, coordinator, pool):
    pool["anna"].institution = pool["monitoring"].person.institution
    pool["anna"].save()
    run = services.run_matching(round=round, by=coordinator, settings=S())
    assert ("Anna Adler", "Mona Monitoring") not in pairs(run)
    assert ("Carl Clausen", "Mona Monitoring") in pairs(run)


def test_excluded_and_pinned_pairs_with_reasons(round, coordinator, pool):
    services.set_pair_rule(
        round=round,
        application=pool["anna"],
        mentor_profile=pool["monitoring"],
        kind="exclude",
        reason="Kennen sich privat",
        by=coordinator,
    )
    services.set_pair_rule(
        round=round,
        application=pool["carl"],
        mentor_profile=pool["funds"],
        kind="pin",
        reason="Wunsch beider",
        by=coordinator,
    )
    run = services.run_matching(round=round, by=coordinator, settings=S())
    assert ("Anna Adler", "Mona Monitoring") not in pairs(run)
    assert run.proposals.get(application=pool["carl"]).pinned
    assert run.inputs["excluded"] == [[pool["anna"].pk, pool["monitoring"].pk]]
    with pytest.raises(ValidationError) as error:
        services.set_pair_rule(
            round=round,
            application=pool["anna"],
            mentor_profile=pool["funds"],
            kind="pin",
            reason="  ",
            by=coordinator,
        )
    assert "reason" in error.value.message_dict


def test_pin_against_the_rules_is_a_clear_error_and_keeps_nothing(round, coordinator, pool):
    pool["bert"].institution = pool["monitoring"].person.institution
    pool["bert"].save()
    services.set_pair_rule(
        round=round,
        application=pool["bert"],
        mentor_profile=pool["monitoring"],
        kind="pin",
        reason="x",
        by=coordinator,
    )
    with pytest.raises(ValidationError) as error:
        services.run_matching(round=round, by=coordinator, settings=S())
    assert "contradict" in " ".join(error.value.messages)
    assert not round.match_runs.exists() and not Proposal.objects.exists()


def test_bad_settings_and_empty_pool(round, coordinator, pool):
    with pytest.raises(ValidationError) as error:
        services.run_matching(
            round=round, by=coordinator, settings=S(topic=-1, text=0, context=0, preference=0)
        )
    assert "topic" in error.value.message_dict
    round.applications.update(state=ApplicationState.WITHDRAWN)
    with pytest.raises(ValidationError):
        services.run_matching(round=round, by=coordinator, settings=S())


def sent_run(round, coordinator):
    run = services.run_matching(round=round, by=coordinator, settings=S())
    answer_by = timezone.localdate() + dt.timedelta(days=14)
    assert services.send_proposals(run=run, answer_by=answer_by, by=coordinator) == 2
    return run


def test_sending_asks_both_persons_through_reviewed_drafts(round, coordinator, pool):
    run = sent_run(round, coordinator)
    assert set(run.proposals.values_list("status", flat=True)) == {ProposalStatus.SENT}
    drafts = QueuedMail.objects.filter(status=MailStatus.DRAFT)
    assert {mail.template_key for mail in drafts} == {"proposal_to_mentee", "proposal_to_mentor"}
    to_anna = drafts.get(to=pool["anna"].person.email)
    assert "Mona Monitoring" in to_anna.body and "/proposal/" in to_anna.body
    with pytest.raises(ValidationError):  # nothing left to send
        services.send_proposals(run=run, answer_by=timezone.localdate(), by=coordinator)


def test_sending_with_a_past_date_is_refused(round, coordinator, pool):
    run = services.run_matching(round=round, by=coordinator, settings=S())
    with pytest.raises(ValidationError) as error:
        services.send_proposals(
            run=run, answer_by=timezone.localdate() - dt.timedelta(days=1), by=coordinator
        )
    assert "answer_by" in error.value.message_dict
    assert not QueuedMail.objects.exists()


def test_two_yeses_form_the_tandem_and_admit(
    round, coordinator, pool, django_capture_on_commit_callbacks
):
    run = sent_run(round, coordinator)
    proposal = run.proposals.get(application=pool["anna"])
    services.answer_proposal(proposal=proposal, person=pool["anna"].person, answer="accept")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SENT and not Tandem.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_proposal(
            proposal=proposal, person=pool["monitoring"].person, answer="accept"
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    tandem = Tandem.objects.get()
    assert (tandem.mentee, tandem.mentor) == (pool["anna"].person, pool["monitoring"].person)
    pool["anna"].refresh_from_db()
    assert pool["anna"].state == ApplicationState.ADMITTED
    formed = QueuedMail.objects.filter(template_key="tandem_formed")
    assert {m.to for m in formed} == {pool["anna"].person.email, pool["monitoring"].person.email}
    with pytest.raises(ValidationError):  # answered and closed
        services.answer_proposal(
            proposal=proposal, person=pool["anna"].person, answer="decline", comment="doch nicht"
        )


def test_a_no_ends_the_pair_and_tells_the_coordinators(round, coordinator, pool):
    run = sent_run(round, coordinator)
    proposal = run.proposals.get(application=pool["bert"])
    mentor = pool["funds"].person
    with pytest.raises(ValidationError) as error:
        services.answer_proposal(proposal=proposal, person=mentor, answer="decline")
    assert "comment" in error.value.message_dict
    services.answer_proposal(
        proposal=proposal,
        person=mentor,
        answer=Answer.DECLINE,
        comment="Thema passt nicht zu meinem Schwerpunkt",
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    assert proposal.mentor_comment.startswith("Thema")
    rule = PairRule.objects.get(application=pool["bert"])
    assert rule.kind == PairRuleKind.EXCLUDE and "mentor" in rule.reason
    notice = QueuedMail.objects.get(template_key="proposal_declined")
    assert notice.to == coordinator.email and "Thema passt" not in notice.body


def test_only_the_two_persons_answer_and_only_in_time(round, coordinator, pool):
    run = sent_run(round, coordinator)
    proposal = run.proposals.get(application=pool["anna"])
    for stranger in (pool["bert"].person, pool["funds"].person, coordinator):
        with pytest.raises(ValidationError):
            services.answer_proposal(proposal=proposal, person=stranger, answer="accept")
    later = timezone.now() + dt.timedelta(days=20)
    with time_machine.travel(later), pytest.raises(ValidationError):
        services.answer_proposal(proposal=proposal, person=pool["anna"].person, answer="accept")
    proposal.refresh_from_db()
    assert proposal.mentee_answer == ""


def test_rerun_keeps_agreed_and_open_pairs_and_solves_the_rest(round, coordinator, pool):
    run = sent_run(round, coordinator)
    anna = run.proposals.get(application=pool["anna"])
    services.answer_proposal(proposal=anna, person=pool["anna"].person, answer="accept")
    services.answer_proposal(proposal=anna, person=pool["monitoring"].person, answer="accept")
    bert = run.proposals.get(application=pool["bert"])
    services.answer_proposal(
        proposal=bert,
        person=pool["bert"].person,
        answer="decline",
        comment="Ich suche eher Monitoring",
    )
    # Carl gets the funds mentor now; Bert's declined pair is never proposed again.
    second = services.run_matching(round=round, by=coordinator, settings=S())
    assert second.number == 2
    assert pairs(second) == {("Carl Clausen", "Fritz Fonds")}
    assert second.summary["kept_pairs"] == 1
    assert second.inputs["kept"] == [[pool["anna"].pk, pool["monitoring"].pk]]
    reasons = {u["application"]: u["reason"] for u in second.summary["unplaced"]}
    assert pool["bert"].pk in reasons
    # A third run replaces the second run's unsent drafts.
    third = services.run_matching(round=round, by=coordinator, settings=S())
    assert second.proposals.get().status == ProposalStatus.SUPERSEDED
    assert third.proposals.get().status == ProposalStatus.DRAFT


def test_withdrawn_application_leaves_the_pool(round, coordinator, pool):
    pool["carl"].state = ApplicationState.WITHDRAWN
    pool["carl"].save()
    pool["anna"].institution = pool["monitoring"].person.institution
    pool["anna"].save()
    run = services.run_matching(round=round, by=coordinator, settings=S())
    reasons = {u["application"]: u["reason"] for u in run.summary["unplaced"]}
    assert pool["carl"].pk not in run.inputs["applications"]
    assert reasons == {pool["anna"].pk: RULE_SAME_INSTITUTION}


def test_last_settings_start_from_the_previous_run(round, coordinator, pool):
    assert services.last_settings(round) == S()
    services.run_matching(round=round, by=coordinator, settings=S(mode="fair", min_fit=0.1))
    assert services.last_settings(round).mode == "fair"
    assert services.last_settings(round).min_fit == 0.1


def test_a_sent_pair_cannot_get_a_rule_and_taking_back_tells_both(round, coordinator, pool):
    run = sent_run(round, coordinator)
    proposal = run.proposals.get(application=pool["anna"])
    with pytest.raises(ValidationError) as error:
        services.set_pair_rule(
            round=round,
            application=pool["anna"],
            mentor_profile=pool["monitoring"],
            kind="exclude",
            reason="doch nicht",
            by=coordinator,
        )
    assert "Take it back first" in " ".join(error.value.messages)
    services.withdraw_proposal(proposal=proposal, by=coordinator)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUPERSEDED
    told = QueuedMail.objects.filter(template_key="proposal_withdrawn")
    assert {m.to for m in told} == {pool["anna"].person.email, pool["monitoring"].person.email}
    # Now the pair may be excluded, and the next run pairs Anna otherwise or not at all.
    services.set_pair_rule(
        round=round,
        application=pool["anna"],
        mentor_profile=pool["monitoring"],
        kind="exclude",
        reason="doch nicht",
        by=coordinator,
    )
    rerun = services.run_matching(round=round, by=coordinator, settings=S())
    assert ("Anna Adler", "Mona Monitoring") not in pairs(rerun)


def test_places_below_the_held_pairs_is_a_field_error(round, coordinator, pool):
    sent_run(round, coordinator)
    with pytest.raises(ValidationError) as error:
        services.run_matching(round=round, by=coordinator, settings=S(places=1))
    assert "places" in error.value.message_dict


def test_the_web_apps_default_settings_are_the_engines():
    """The same data gives the same proposals in the web app and with `tandem-match`."""
    from tandem.matching.engine import Rules, Weights

    settings = services.MatchSettings()
    assert (settings.topic, settings.text, settings.context, settings.preference) == (
        Weights.topic,
        Weights.text,
        Weights.context,
        Weights.preference,
    )
    assert settings.min_fit == Rules.min_fit
