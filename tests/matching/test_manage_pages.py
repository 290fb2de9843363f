"""The coordinators' matching pages: overview and settings, runs, rules, sending, consent,
recruitment gaps (DESIGN.md §3 phase 5, §4)."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.applications.enums import ApplicationState
from tandem.audit.models import AuditEntry
from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tandem.matching import selectors, services
from tandem.matching.engine import CAPACITY, NO_FITTING_MENTOR
from tandem.matching.enums import PairRuleKind, ProposalStatus
from tandem.matching.models import MatchRun, PairRule, Proposal
from tandem.programmes.enums import InstitutionType, SizeClass
from tests.applications.factories import ApplicationFactory
from tests.conftest import DENIED_ROLES, manage_url
from tests.factories import InstitutionFactory, ProgrammeFactory, RoundFactory, UserFactory
from tests.recruitment.factories import MentorProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


_capture = {}


@pytest.fixture(autouse=True)
def _on_commit(django_capture_on_commit_callbacks):
    _capture["run"] = django_capture_on_commit_callbacks


def post_run(client, round, data, **extra):
    """Start a run on the overview; the worker (tasks run at once in tests) computes it
    when the request's transaction commits."""
    with _capture["run"](execute=True):
        return client.post(manage_url("matching", round), data, **extra)


@pytest.fixture
def matching_run(round, coordinator, matching_pool):
    return services.run_matching(round=round, by=coordinator, settings=services.MatchSettings())


def settings_post(**changes):
    data = {
        "mode": "optimal",
        "topic": "40",
        "text": "35",
        "context": "15",
        "preference": "10",
        "min_fit": "25",
        "places": "",
        "shared_language": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def state_of_matching():
    """Everything a page of this area could change."""
    return (
        list(MatchRun.objects.order_by("pk").values_list("pk", "sent_at")),
        list(Proposal.objects.order_by("pk").values_list("pk", "status")),
        list(PairRule.objects.order_by("pk").values_list("pk", "kind", "reason")),
        QueuedMail.objects.count(),
        AuditEntry.objects.count(),
    )


def page(response) -> str:
    return response.content.decode()


def radio(text: str, value: str) -> str:
    """The <input> tag of one mode's radio button."""
    return re.search(rf'<input type="radio" name="mode" value="{value}"[^>]*>', text).group()


# --- access ---------------------------------------------------------------------------


def test_coordinator_sees_the_overview_with_the_pool(client, round, coordinator, matching_pool):
    client.force_login(coordinator)
    response = client.get(manage_url("matching", round))
    assert response.status_code == 200
    text = page(response)
    assert "3 active applications, 2 mentors with a profile, 2 places in total." in text
    assert manage_url("application_list", round) + "#demand-heading" in text
    # Settings start from the engine's defaults, in percent.
    assert 'name="min_fit" value="25"' in text and 'name="topic" value="5"' in text
    assert "checked" in radio(text, "optimal")
    assert 'aria-describedby="id_mode_0_helptext"' in radio(text, "optimal")
    assert "No run yet." in text


def test_the_round_page_links_to_matching(client, round, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("manage:round", kwargs=round.url_kwargs))
    assert manage_url("matching", round) in page(response)


@pytest.mark.parametrize("who", DENIED_ROLES)
def test_other_roles_get_404_everywhere_and_nothing_changes(
    client, round, people, coordinator, matching_run, matching_pool, who
):
    proposal = matching_run.proposals.get(application=matching_pool["anna"])
    rule = services.set_pair_rule(
        round=round,
        application=matching_pool["carl"],
        mentor_profile=matching_pool["funds"],
        kind="exclude",
        reason="Vertraulicher Grund",
        by=coordinator,
    )
    other = matching_run.proposals.get(application=matching_pool["bert"])
    services.send_proposals(run=matching_run, answer_by=timezone.localdate(), by=coordinator)
    before = state_of_matching()
    client.force_login(people[who])
    for name, extra in [
        ("matching", {}),
        ("matching_run", {"run": matching_run.pk}),
        ("matching_gaps", {"run": matching_run.pk}),
    ]:
        response = client.get(manage_url(name, round, **extra))
        assert response.status_code == 404, name
        for secret in ("Anna Adler", "Mona Monitoring", "Carl Clausen", "Vertraulicher Grund"):
            assert secret not in page(response)
    posts = [
        (manage_url("matching", round), settings_post()),
        (
            manage_url("matching_send", round, run=matching_run.pk),
            {"answer_by": (timezone.localdate() + dt.timedelta(days=3)).isoformat()},
        ),
        (
            manage_url("matching_pair_rule", round, run=matching_run.pk, proposal=proposal.pk),
            {f"p{proposal.pk}-kind": "exclude", f"p{proposal.pk}-reason": "weil"},
        ),
        (manage_url("matching_rule_remove", round, rule=rule.pk), {}),
        (manage_url("matching_withdraw", round, proposal=other.pk), {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 404, url
        assert "Anna Adler" not in page(response)
    assert state_of_matching() == before


def test_anonymous_goes_to_login(client, round, matching_run):
    for url in (
        manage_url("matching", round),
        manage_url("matching_run", round, run=matching_run.pk),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_objects_of_another_round_are_404_under_this_round(
    client, round, coordinator, matching_run, matching_pool
):
    """A sibling round the same coordinator runs: its objects never show under this URL."""
    sibling = RoundFactory(programme=round.programme)
    sibling_profile = MentorProfileFactory(round=sibling, levels={"publication_monitoring": 3})
    ApplicationFactory(
        round=sibling, topics=["publication_monitoring"], person=UserFactory(name="Sigrid Sibling")
    )
    sibling_run = services.run_matching(
        round=sibling, by=coordinator, settings=services.MatchSettings()
    )
    sibling_proposal = sibling_run.proposals.get()
    sibling_rule = services.set_pair_rule(
        round=sibling,
        application=sibling_proposal.application,
        mentor_profile=sibling_profile,
        kind="exclude",
        reason="Geschwister-Regel",
        by=coordinator,
    )
    services.send_proposals(run=sibling_run, answer_by=timezone.localdate(), by=coordinator)
    before = state_of_matching()
    client.force_login(coordinator)
    for name in ("matching_run", "matching_gaps"):
        response = client.get(manage_url(name, round, run=sibling_run.pk))
        assert response.status_code == 404
        assert "Sigrid Sibling" not in page(response)
    assert (
        client.post(
            manage_url("matching_send", round, run=sibling_run.pk),
            {"answer_by": timezone.localdate().isoformat()},
        ).status_code
        == 404
    )
    # This round's run with the sibling's proposal, the sibling's rule and proposal.
    assert (
        client.post(
            manage_url(
                "matching_pair_rule", round, run=matching_run.pk, proposal=sibling_proposal.pk
            ),
            {f"p{sibling_proposal.pk}-kind": "pin", f"p{sibling_proposal.pk}-reason": "x"},
        ).status_code
        == 404
    )
    assert (
        client.post(manage_url("matching_rule_remove", round, rule=sibling_rule.pk)).status_code
        == 404
    )
    assert (
        client.post(
            manage_url("matching_withdraw", round, proposal=sibling_proposal.pk)
        ).status_code
        == 404
    )
    assert state_of_matching() == before


# --- running --------------------------------------------------------------------------


def test_run_matching_and_read_the_run(client, round, coordinator, matching_pool):
    client.force_login(coordinator)
    response = post_run(client, round, settings_post(places="5"))
    run = MatchRun.objects.get(round=round)
    assert response.status_code == 302
    assert response.url == manage_url("matching_run", round, run=run.pk)
    assert run.parameters["places"] == 5 and run.parameters["topic"] == 0.4
    assert run.parameters["min_fit"] == 0.25 and run.created_by == coordinator

    text = page(client.get(response.url))
    anna = run.proposals.get(application=matching_pool["anna"])
    assert "Anna Adler" in text and "Mona Monitoring" in text and "Bert Berg" in text
    assert f"{selectors.percent(anna.score)} %" in text
    assert str(anna.score) not in text  # never a raw fraction
    assert f"{selectors.percent(anna.components['topic'])} %" in text
    # Why: the shared topic by its label with the mentee's rank and the mentor's level.
    assert "Publication monitoring (mentee's rank 1, mentor's level 3)" in text
    # Carl was left out: reason in words and the best mentor by name, not an engine id.
    assert "Carl Clausen" in text
    assert "The fitting mentors&#x27; places went to applicants with a higher fit." in text
    assert "Best mentor within the rules: Mona Monitoring (" in text
    # (as a word: the random CSRF token may contain "m1")
    assert not re.search(rf"\bm{matching_pool['monitoring'].pk}\b", text)
    # The modes compared, and the settings given.
    assert "How the modes differ on this data" in text
    assert "Stable (from preferences)" in text and "Fair (lowest fit as high as possible)" in text
    assert "compared with the best total fit" in text
    assert 'Maximum number of tandems</dt><dd class="col-sm-5">5' in text
    # The latest run's drafts can be sent; the date defaults to two weeks ahead.
    default = (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    assert f'value="{default}"' in text and "Send proposals" in text


def test_the_next_run_starts_from_the_last_settings(client, round, coordinator, matching_pool):
    services.run_matching(
        round=round,
        by=coordinator,
        settings=services.MatchSettings(
            mode="fair",
            topic=0.5,
            text=0.3,
            context=0.2,
            preference=0.0,
            min_fit=0.3,
            places=2,
            shared_language=False,
        ),
    )
    client.force_login(coordinator)
    text = page(client.get(manage_url("matching", round)))
    assert 'name="topic" value="50"' in text and 'name="preference" value="0"' in text
    assert 'name="min_fit" value="30"' in text and 'name="places" value="2"' in text
    assert 'id="id_shared_language" checked' not in text
    assert "checked" in radio(text, "fair") and "checked" not in radio(text, "optimal")
    # The history lists the run.
    assert "Run 1" in text and "Fair (lowest fit as high as possible)" in text


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"topic": "-1"}, "topic", "A weight cannot be negative."),
        ({"context": "-0.5"}, "context", "A weight cannot be negative."),
        (
            {"topic": "0", "text": "0", "context": "0", "preference": "0"},
            "topic",
            "At least one weight must be above 0.",
        ),
        ({"min_fit": "150"}, "min_fit", "Please enter a value between 0 and 100."),
        ({"min_fit": "-5"}, "min_fit", "Please enter a value between 0 and 100."),
        ({"min_fit": "viel"}, "min_fit", "Enter a number."),
        ({"places": "0"}, "places", "Please enter at least 1, or leave the field empty."),
        ({"mode": "random"}, "mode", "Select a valid choice."),
    ],
)
def test_bad_settings_are_explained_on_the_field(
    client, round, coordinator, matching_pool, changes, field, message
):
    client.force_login(coordinator)
    before = state_of_matching()
    response = post_run(client, round, settings_post(**changes))
    assert response.status_code == 400
    text = page(response)
    assert f'id="id_{field}_error"' in text and message in text
    assert "Please correct the marked fields." in text
    # What was typed stays in the form.
    for key, value in changes.items():
        if key != "mode":
            assert f'name="{key}" value="{value}"' in text
    assert state_of_matching() == before


def test_no_applications_is_a_clear_message(client, round, coordinator, matching_pool):
    round.applications.update(state=ApplicationState.WITHDRAWN)
    client.force_login(coordinator)
    before = state_of_matching()
    response = post_run(client, round, settings_post())
    assert response.status_code == 400
    assert "There are no submitted applications to match." in page(response)
    assert state_of_matching() == before


def test_a_pin_against_the_rules_is_a_form_alert(client, round, coordinator, matching_pool):
    matching_pool["bert"].institution = matching_pool["monitoring"].person.institution
    matching_pool["bert"].save()
    services.set_pair_rule(
        round=round,
        application=matching_pool["bert"],
        mentor_profile=matching_pool["monitoring"],
        kind="pin",
        reason="Wunsch",
        by=coordinator,
    )
    client.force_login(coordinator)
    response = post_run(client, round, settings_post())
    # the worker finds the conflict: the run failed, and its page says why
    run = MatchRun.objects.get()
    assert response.status_code == 302 and run.status == "failed"
    text = page(client.get(response.url))
    assert "The run did not finish." in text
    assert "The pinned pairs contradict the rules" in text
    assert not run.proposals.exists()


# --- pair rules -----------------------------------------------------------------------


def rule_post(proposal, kind, reason):
    return {f"p{proposal.pk}-kind": kind, f"p{proposal.pk}-reason": reason}


def test_exclude_a_pair_with_a_reason(client, round, coordinator, matching_run, matching_pool):
    proposal = matching_run.proposals.get(application=matching_pool["anna"])
    client.force_login(coordinator)
    url = manage_url("matching_pair_rule", round, run=matching_run.pk, proposal=proposal.pk)
    response = client.post(url, rule_post(proposal, "exclude", "Kennen sich privat"), follow=True)
    rule = PairRule.objects.get()
    assert (rule.application, rule.mentor_profile, rule.kind, rule.reason, rule.created_by) == (
        matching_pool["anna"],
        matching_pool["monitoring"],
        PairRuleKind.EXCLUDE,
        "Kennen sich privat",
        coordinator,
    )
    text = page(response)
    assert "Anna Adler and Mona Monitoring are now never paired." in text
    assert "Start a new run for the change to take effect." in text
    assert "Excluded from the next run: Kennen sich privat" in text
    assert AuditEntry.objects.filter(action="matching.pair_exclude").exists()
    # The overview lists the rule with reason and author.
    overview = page(client.get(manage_url("matching", round)))
    assert "Kennen sich privat" in overview and "Cora Coordinator" in overview


def test_pin_a_pair(client, round, coordinator, matching_run, matching_pool):
    proposal = matching_run.proposals.get(application=matching_pool["bert"])
    client.force_login(coordinator)
    client.post(
        manage_url("matching_pair_rule", round, run=matching_run.pk, proposal=proposal.pk),
        rule_post(proposal, "pin", "Wunsch beider"),
    )
    assert PairRule.objects.get().kind == PairRuleKind.PIN


@pytest.mark.parametrize(
    "kind, reason, message",
    [
        ("exclude", "   ", "Please give a reason; it is kept in the log."),
        ("exclude", "", "Please give a reason; it is kept in the log."),
        ("", "Grund", "Please choose pin or exclude."),
        ("swap", "Grund", "Select a valid choice."),
    ],
)
def test_bad_pair_rule_input(
    client, round, coordinator, matching_run, matching_pool, kind, reason, message
):
    proposal = matching_run.proposals.get(application=matching_pool["anna"])
    client.force_login(coordinator)
    before = state_of_matching()
    response = client.post(
        manage_url("matching_pair_rule", round, run=matching_run.pk, proposal=proposal.pk),
        rule_post(proposal, kind, reason),
    )
    assert response.status_code == 400
    assert message in page(response)
    assert state_of_matching() == before


def test_a_sent_proposal_cannot_be_pinned_or_excluded(
    client, round, coordinator, matching_run, matching_pool
):
    proposal = matching_run.proposals.get(application=matching_pool["anna"])
    services.send_proposals(run=matching_run, answer_by=timezone.localdate(), by=coordinator)
    client.force_login(coordinator)
    before = state_of_matching()
    response = client.post(
        manage_url("matching_pair_rule", round, run=matching_run.pk, proposal=proposal.pk),
        rule_post(proposal, "exclude", "zu spät"),
    )
    assert response.status_code == 400
    assert "This proposal was already sent; take it back first." in page(response)
    assert state_of_matching() == before


def test_remove_a_rule(client, round, coordinator, matching_pool):
    rule = services.set_pair_rule(
        round=round,
        application=matching_pool["anna"],
        mentor_profile=matching_pool["funds"],
        kind="exclude",
        reason="Alter Grund",
        by=coordinator,
    )
    client.force_login(coordinator)
    response = client.post(manage_url("matching_rule_remove", round, rule=rule.pk), follow=True)
    assert not PairRule.objects.exists()
    assert "The rule was removed" in page(response)
    assert "Alter Grund" not in page(response)
    assert client.get(manage_url("matching_rule_remove", round, rule=rule.pk)).status_code == 405


# --- sending and consent --------------------------------------------------------------


def test_bad_answer_dates_are_refused_and_nothing_is_sent(client, round, coordinator, matching_run):
    client.force_login(coordinator)
    url = manage_url("matching_send", round, run=matching_run.pk)
    before = state_of_matching()
    for value, message in [
        (
            (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
            "The date for answers must not lie in the past.",
        ),
        ("", "This field is required."),
        ("31.02.2030", "Enter a valid date."),
    ]:
        response = client.post(url, {"answer_by": value})
        assert response.status_code == 400
        text = page(response)
        assert message in text and 'id="id_answer_by_error"' in text
    assert state_of_matching() == before


def test_an_older_runs_drafts_are_superseded_and_cannot_be_sent(
    client, round, coordinator, matching_run
):
    newer = services.run_matching(round=round, by=coordinator, settings=services.MatchSettings())
    client.force_login(coordinator)
    text = page(client.get(manage_url("matching_run", round, run=matching_run.pk)))
    assert "Replaced by a newer run" in text
    assert "A newer run exists." in text and "Send proposals</button>" not in text
    before = state_of_matching()
    response = client.post(
        manage_url("matching_send", round, run=matching_run.pk),
        {"answer_by": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert "Only the proposals of the latest run can be sent." in page(response)
    assert state_of_matching() == before
    assert "Send proposals</button>" in page(
        client.get(manage_url("matching_run", round, run=newer.pk))
    )


def test_end_to_end_run_exclude_rerun_send(client, round, coordinator, matching_pool):
    """Run, exclude a proposed pair with a reason, run again without it, send for review."""
    client.force_login(coordinator)
    first = MatchRun.objects.get(
        pk=post_run(client, round, settings_post()).url.rstrip("/").split("/")[-1]
    )
    anna = first.proposals.get(application=matching_pool["anna"])
    assert anna.mentor_profile == matching_pool["monitoring"]
    client.post(
        manage_url("matching_pair_rule", round, run=first.pk, proposal=anna.pk),
        rule_post(anna, "exclude", "Arbeiten schon zusammen"),
    )

    response = post_run(client, round, settings_post())
    second = MatchRun.objects.get(round=round, number=2)
    assert response.url == manage_url("matching_run", round, run=second.pk)
    pairs = {(p.application_id, p.mentor_profile_id) for p in second.proposals.all()}
    assert (matching_pool["anna"].pk, matching_pool["monitoring"].pk) not in pairs
    assert second.inputs["excluded"] == [[matching_pool["anna"].pk, matching_pool["monitoring"].pk]]
    assert set(first.proposals.values_list("status", flat=True)) == {ProposalStatus.SUPERSEDED}

    answer_by = timezone.localdate() + dt.timedelta(days=10)
    response = client.post(
        manage_url("matching_send", round, run=second.pk),
        {"answer_by": answer_by.isoformat()},
        follow=True,
    )
    text = page(response)
    count = second.proposals.count()
    assert f"{count} proposals were sent." in text
    assert "wait in the outbox for your review" in text
    assert manage_url("mail_outbox", round) + "?status=draft" in text
    assert set(second.proposals.values_list("status", flat=True)) == {ProposalStatus.SENT}
    drafts = QueuedMail.objects.filter(round=round, status=MailStatus.DRAFT)
    assert drafts.count() == 2 * count
    for proposal in second.proposals.all():
        assert drafts.filter(to=proposal.mentee.email, template_key="proposal_to_mentee").exists()
        assert drafts.filter(to=proposal.mentor.email, template_key="proposal_to_mentor").exists()
    # The overview now shows the proposals waiting for answers.
    overview = page(client.get(manage_url("matching", round)))
    assert f"Waiting: {count} (overdue: 0)" in overview
    assert "Take back" in overview


def test_consent_overview_with_answers_comments_overdue_and_tandems(
    client, round, coordinator, matching_run, matching_pool
):
    services.send_proposals(
        run=matching_run, answer_by=timezone.localdate() + dt.timedelta(days=2), by=coordinator
    )
    anna = matching_run.proposals.get(application=matching_pool["anna"])
    bert = matching_run.proposals.get(application=matching_pool["bert"])
    services.answer_proposal(
        proposal=anna, person=anna.mentee, answer="accept", comment="Freue mich"
    )
    services.answer_proposal(proposal=anna, person=anna.mentor, answer="accept")
    services.answer_proposal(proposal=bert, person=bert.mentor, answer="accept", comment="Gern")
    client.force_login(coordinator)
    text = page(client.get(manage_url("matching", round)))
    assert "Waiting: 1 (overdue: 0) · accepted by both: 1 · declined: 0 · tandems: 1" in text
    assert "Freue mich" in text and "Gern" in text  # coordinators read the comments
    assert "no answer yet" in text
    assert "Tandems formed" in text and "Accepted by both" in text

    with time_machine.travel(timezone.now() + dt.timedelta(days=5)):
        client.force_login(coordinator)
        text = page(client.get(manage_url("matching", round)))
    assert "Waiting: 1 (overdue: 1)" in text
    assert ">overdue</span>" in text


def test_take_back_a_sent_proposal(client, round, coordinator, matching_run, matching_pool):
    services.send_proposals(run=matching_run, answer_by=timezone.localdate(), by=coordinator)
    proposal = matching_run.proposals.get(application=matching_pool["anna"])
    client.force_login(coordinator)
    response = client.post(
        manage_url("matching_withdraw", round, proposal=proposal.pk), follow=True
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUPERSEDED
    assert "was taken back" in page(response) and "Taken back" in page(response)
    # Again: it no longer waits, so nothing happens and the message says why.
    response = client.post(
        manage_url("matching_withdraw", round, proposal=proposal.pk), follow=True
    )
    assert "Only proposals that wait for answers can be taken back." in page(response)


def test_a_new_run_keeps_sent_pairs_and_shows_them(
    client, round, coordinator, matching_run, matching_pool
):
    services.send_proposals(run=matching_run, answer_by=timezone.localdate(), by=coordinator)
    anna = matching_run.proposals.get(application=matching_pool["anna"])
    services.answer_proposal(proposal=anna, person=anna.mentee, answer="accept")
    client.force_login(coordinator)
    response = post_run(client, round, settings_post())
    second = MatchRun.objects.get(number=2)
    assert second.summary["kept_pairs"] == 2 and not second.proposals.exists()
    text = page(client.get(response.url))
    assert "Pairs kept from earlier runs" in text and "This run proposes no new pairs." in text
    kept = text.split('id="kept-heading"')[1].split("</section>")[0]
    assert "Anna Adler" in kept and "Bert Berg" in kept
    assert kept.count("Waiting for answers") == 2
    assert "Carl Clausen" in text.split('id="left-out-heading"')[1]
    assert "This run has no draft proposals to send." in text


# --- the explanation as shown -----------------------------------------------------------


def test_the_run_page_explains_each_pair(client, round, coordinator):
    """A hand-made run: fixed numbers for components, flags and phrases."""
    mentor = MentorProfileFactory(round=round, person=UserFactory(name="Mia Mentor"))
    runner = MentorProfileFactory(round=round, person=UserFactory(name="Rolf Runner"))
    application = ApplicationFactory(round=round, person=UserFactory(name="Ben Bedarf"))
    run = MatchRun.objects.create(
        round=round,
        number=1,
        mode="optimal",
        parameters={
            "mode": "optimal",
            "topic": 0.4,
            "text": 0.35,
            "context": 0.15,
            "preference": 0.1,
            "min_fit": 0.25,
            "places": None,
            "shared_language": True,
        },
        summary={
            "pairs": 1,
            "new_pairs": 1,
            "kept_pairs": 0,
            "total_fit": 0.3812,
            "lowest_fit": 0.3812,
            "applicants": 1,
            "places": 1,
            "unplaced": [],
            "comparison": [],
        },
    )
    Proposal.objects.create(
        run=run,
        round=round,
        application=application,
        mentor_profile=mentor,
        score=0.3812,
        pinned=True,
        components={"topic": 0.5, "text": 0.2531, "context": 1.0, "preference": 0.0},
        explanation={
            "shared_topics": [
                {"topic": "bibliometric_analysis", "mentee_rank": 2, "mentor_level": 3}
            ],
            "phrases": [{"phrase": "Zitationsanalysen", "topic": "bibliometric_analysis"}],
            "shared_terms": ["OpenAlex"],
            "runner_up_profile": runner.pk,
            "runner_up_score": 0.3711,
            "close_call": True,
            "low_fit": True,
        },
    )
    client.force_login(coordinator)
    text = page(client.get(manage_url("matching_run", round, run=run.pk)))
    assert ">38 %</td>" in text
    for value in ("50 %", "25 %", "100 %", "0 %"):
        assert f">{value}</td>" in text
    assert "Bibliometric analysis (mentee's rank 2, mentor's level 3)" in text
    assert "<q>Zitationsanalysen</q> (Bibliometric analysis)" in text
    assert "Both mention: OpenAlex" in text
    assert "close call" in text and "runner-up Rolf Runner at 37 %" in text
    assert ">low fit<" in text and ">pinned<" in text
    assert "0.3812" not in text
    assert 'Weight: Topics</dt><dd class="col-sm-5">40 %' in text
    assert "Everyone was placed." in text


@pytest.mark.parametrize(
    "params, words",
    [
        (
            {"kind": "best_allowed", "mentor_profile": 7, "fit": 0.45},
            "Best mentor within the rules: Mia Mentor (45 %).",
        ),
        (
            {"kind": "below_minimum", "mentor_profile": 7, "fit": 0.18, "minimum": 0.25},
            "Highest fit: 18 % with Mia Mentor, below the minimum of 25 %.",
        ),
        ({"kind": "best_fit", "mentor_profile": 7, "fit": 0.52}, "Best fit: 52 % with Mia Mentor."),
        ({"kind": "best_fit", "mentor_profile": 8, "fit": 0.52}, "Best fit: 52 % with a mentor."),
        ({"kind": "no_mentors"}, "There were no mentors."),
        (
            {"kind": "need", "need": "die juristische Prüfung"},
            "No mentor offers \u201cdie juristische Prüfung\u201d.",
        ),
        ({"kind": "something new"}, ""),
        ({}, ""),
    ],
)
def test_the_engines_detail_in_words(params, words):
    assert selectors.detail_in_words(params, {7: "Mia Mentor"}) == words


def test_the_detail_is_rendered_in_the_readers_language():
    from django.utils import translation

    with translation.override("de"):
        words = selectors.detail_in_words(
            {"kind": "best_fit", "mentor_profile": 7, "fit": 0.5}, {7: "Mia Mentor"}
        )
    assert words == "Beste Passung: 50 % mit Mia Mentor."


# --- recruitment gaps -----------------------------------------------------------------


@pytest.fixture
def gap_round(round):
    """A hand-made run over known people, so that every number of the report is fixed."""
    small_uas = {
        "type": InstitutionType.UNIVERSITY_OF_APPLIED_SCIENCES,
        "size_class": SizeClass.SMALL,
    }
    large_uni = {"type": InstitutionType.UNIVERSITY, "size_class": SizeClass.LARGE}

    def applicant(name, topics, institution):
        person = UserFactory(name=name, institution=InstitutionFactory(**institution))
        return ApplicationFactory(round=round, person=person, topics=topics)

    anna = applicant("Anna", ["publication_monitoring", "bibliometric_analysis"], small_uas)
    bert = applicant("Bert", ["bibliometric_analysis"], large_uni)
    carl = applicant("Carl", ["small_library_allround"], small_uas)
    dora = applicant("Dora", ["publication_monitoring"], large_uni)
    emil = applicant("Emil", ["publication_funds"], large_uni)

    def mentor(levels, **institution):
        person = UserFactory(institution=InstitutionFactory(**institution))
        return MentorProfileFactory(round=round, person=person, levels=levels, capacity=2)

    m1 = mentor({"publication_monitoring": 3, "bibliometric_analysis": 1}, **large_uni)
    m2 = mentor(
        {"publication_funds": 2, "small_library_allround": 2},
        type=InstitutionType.STATE_LIBRARY,
        size_class=SizeClass.SMALL,
    )
    late = mentor({"bibliometric_analysis": 3}, **large_uni)  # joined after the run
    run = MatchRun.objects.create(
        round=round,
        number=1,
        mode="optimal",
        inputs={
            "applications": [a.pk for a in (anna, bert, carl, dora, emil)],
            "mentor_profiles": [m1.pk, m2.pk],
            "kept": [],
            "pinned": [],
            "excluded": [],
        },
        summary={
            "unplaced": [
                {"application": anna.pk, "reason": CAPACITY, "params": {}},
                {"application": bert.pk, "reason": NO_FITTING_MENTOR, "params": {}},
                {"application": carl.pk, "reason": NO_FITTING_MENTOR, "params": {}},
            ]
        },
    )
    for application, profile, low in ((dora, m1, True), (emil, m2, False)):
        Proposal.objects.create(
            run=run,
            round=round,
            application=application,
            mentor_profile=profile,
            score=0.3 if low else 0.8,
            explanation={"low_fit": low},
        )
    return {"run": run, "late": late}


def test_recruitment_gaps_in_numbers(gap_round):
    report = selectors.recruitment_gaps(gap_round["run"])
    assert (report.unplaced, report.low_fit, report.allrounders) == (3, 1, 1)
    topics = {
        row.label: (
            row.unplaced,
            row.low_fit,
            row.levels[3],
            row.levels[2],
            row.levels[1],
            row.short,
        )
        for row in report.topics
    }
    assert topics["Publication monitoring"] == (1, 1, 1, 0, 0, True)
    assert topics["Bibliometric analysis"] == (2, 0, 0, 0, 1, True)  # the late mentor: no
    assert topics["Allround work in small libraries"] == (1, 0, 0, 1, 0, False)
    assert topics["Publication funds"] == (0, 0, 0, 1, 0, False)
    # Most demand first.
    assert [row.demand for row in report.topics[:3]] == [2, 2, 1]
    types = {
        row.label: (row.unplaced, row.low_fit, row.mentors) for row in report.institution_types
    }
    assert types["University of applied sciences"] == (2, 0, 0)
    assert types["University"] == (1, 1, 1)
    assert types["State or regional library"] == (0, 0, 1)
    sizes = {row.label: (row.unplaced, row.low_fit, row.mentors) for row in report.sizes}
    assert sizes == {"Small": (2, 0, 1), "Medium": (0, 0, 0), "Large": (1, 1, 1)}
    assert [(cause.reason, [p.name for p in cause.people]) for cause in report.causes] == [
        (NO_FITTING_MENTOR, ["Bert", "Carl"]),
        (CAPACITY, ["Anna"]),
    ]


def test_recruitment_gap_page(client, round, coordinator, gap_round):
    client.force_login(coordinator)
    response = client.get(manage_url("matching_gaps", round, run=gap_round["run"].pk))
    assert response.status_code == 200
    text = page(response)
    assert "left out (3) or paired with a low fit (1)" in text
    assert "No mentor reaches the minimum fit." in text and "Bert, Carl" in text
    assert "1 mentor offers all-round help for small libraries." in text
    assert text.count(">gap</span>") == 2


def test_gap_page_after_a_real_run(client, round, coordinator, matching_run):
    client.force_login(coordinator)
    text = page(client.get(manage_url("matching_gaps", round, run=matching_run.pk)))
    assert "left out (1)" in text and "Carl Clausen" in text


def test_an_empty_run_renders(client, round, coordinator):
    """A run without a stored summary (e.g. from an old version) still opens."""
    run = MatchRun.objects.create(round=round, number=1, mode="optimal")
    client.force_login(coordinator)
    for name in ("matching_run", "matching_gaps"):
        assert client.get(manage_url(name, round, run=run.pk)).status_code == 200


def test_pool_counts_only_mentors_with_the_role_and_caps_capacity(round):
    round.mentor_capacity = 2
    round.save()
    MentorProfileFactory(round=round, capacity=3)
    MentorProfileFactory(round=round, capacity=1)
    other = RoundFactory(programme=ProgrammeFactory())
    MentorProfileFactory(round=other, capacity=5)
    ApplicationFactory(round=round)
    ApplicationFactory(round=round, state=ApplicationState.DRAFT)
    assert selectors.pool_of(round) == selectors.Pool(applications=1, mentors=2, places=3)


# --- query counts ---------------------------------------------------------------------


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def consent_round(round, coordinator, size):
    """``size`` pairs sent (one agreed) with a rule each, ``size`` left out, then a new run
    that keeps the sent pairs."""
    for _n in range(size):
        MentorProfileFactory(round=round, levels={"publication_monitoring": 3})
        ApplicationFactory(round=round, topics=["publication_monitoring"])
        ApplicationFactory(round=round, topics=["publication_monitoring"])
    run = services.run_matching(round=round, by=coordinator, settings=services.MatchSettings())
    for proposal in run.proposals.all():
        services.set_pair_rule(
            round=round,
            application=proposal.application,
            mentor_profile=proposal.mentor_profile,
            kind="pin",
            reason="Wunsch",
            by=coordinator,
        )
    services.send_proposals(run=run, answer_by=timezone.localdate(), by=coordinator)
    proposal = run.proposals.first()
    services.answer_proposal(proposal=proposal, person=proposal.mentee, answer="accept")
    services.answer_proposal(proposal=proposal, person=proposal.mentor, answer="accept")
    return run, services.run_matching(
        round=round, by=coordinator, settings=services.MatchSettings()
    )


def test_pages_need_the_same_number_of_queries_for_few_and_many_pairs(client, coordinator):
    counts = []
    for size in (1, 6):
        round = RoundFactory()
        round.programme.organisation.coordinators.add(coordinator)
        first, second = consent_round(round, coordinator, size)
        assert len(second.summary["unplaced"]) == size
        client.force_login(coordinator)
        counts.append(
            [
                queries_of(client, manage_url(name, round, **extra))
                for name, extra in (
                    ("matching", {}),
                    ("matching_run", {"run": first.pk}),
                    ("matching_run", {"run": second.pk}),
                    ("matching_gaps", {"run": second.pk}),
                )
            ]
        )
    assert counts[0] == counts[1]


def test_needs_no_mentor_offers_feed_the_recruitment_gaps(gap_round):
    from tandem.matching.engine import NEED_NOT_OFFERED

    run = gap_round["run"]
    run.summary["unplaced"][1] = dict(
        run.summary["unplaced"][1],
        reason=NEED_NOT_OFFERED,
        params={"kind": "need", "need": "die E-Akte einführen"},
    )
    run.save()
    report = selectors.recruitment_gaps(run)
    cause = next(c for c in report.causes if c.reason == NEED_NOT_OFFERED)
    assert cause.needs == ["die E-Akte einführen"] and len(cause.people) == 1
    assert "places went to" not in cause.label
