"""The proposal page of the portal: only the two persons of a pair read it and answer."""

import datetime as dt
from dataclasses import dataclass

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tandem.applications.enums import ApplicationState
from tandem.audit.models import AuditEntry
from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tandem.mail.services import release_round_mails
from tandem.matching import services
from tandem.matching.enums import Answer, PairRuleKind, ProposalStatus
from tandem.matching.models import PairRule, Proposal
from tandem.programmes.enums import RoleKind
from tandem.tandems.models import Tandem
from tests.applications.factories import ApplicationFactory
from tests.conftest import portal_url, verified
from tests.factories import RoundRoleFactory, UserFactory
from tests.recruitment.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db


@dataclass
class Pairs:
    """Two pairs sent for answers: Anna with Mona (monitoring), Bert with Fritz (funds)."""

    anna: object
    mona: object
    bert: object
    fritz: object

    @property
    def ours(self) -> Proposal:
        return Proposal.objects.get(application__person=self.anna, run__number=1)

    @property
    def theirs(self) -> Proposal:
        return Proposal.objects.get(application__person=self.bert, run__number=1)


# What only Anna's pair may read; Bert and Fritz's pair has its own.
ANNA_SECRETS = [
    "Anna Amsel",
    "anna@example.org",
    "Ich will ein Publikationsmonitoring",
    "OA-Bericht 2027",
]
MONA_SECRETS = ["Mona Monitoring", "mona@example.org", "Ich baue Publikationsmonitoring auf"]
BERT_SECRETS = ["Bert Bauer", "bert@example.org", "Wie verwalte ich einen Publikationsfonds"]
FRITZ_SECRETS = ["Fritz Fonds", "fritz@example.org", "Ich verwalte den Publikationsfonds"]


def _rename(person, name, email):
    person.name, person.email = name, email
    person.save(update_fields=["name", "email"])
    person.emailaddress_set.update(email=email)
    return person


def run_and_send(round, coordinator):
    run = services.run_matching(round=round, by=coordinator, settings=services.MatchSettings())
    services.send_proposals(
        run=run, answer_by=timezone.localdate() + dt.timedelta(days=14), by=coordinator
    )
    return run


@pytest.fixture
def pairs(round, coordinator, people) -> Pairs:
    anna = _rename(people["mentee"], "Anna Amsel", "anna@example.org")
    mona = _rename(people["mentor"], "Mona Monitoring", "mona@example.org")
    MentorProfileFactory(
        round=round,
        person=mona,
        levels={"publication_monitoring": 3},
        presentation="Ich baue Publikationsmonitoring auf.",
        experience="Monitoring seit 2015",
        weekdays=["tue"],
        availability="vormittags",
        video_url="https://video.example.org/mona",
    )
    ApplicationFactory(
        round=round,
        person=anna,
        topics=["publication_monitoring"],
        expectations="Ich will ein Publikationsmonitoring aufbauen.",
        upcoming_projects="OA-Bericht 2027",
        availability="mittwochs",
        how_heard="Geheimtipp aus dem Arbeitskreis",
    )
    fritz = verified(UserFactory(name="Fritz Fonds", email="fritz@example.org"))
    MentorProfileFactory(
        round=round,
        person=fritz,
        levels={"publication_funds": 3},
        presentation="Ich verwalte den Publikationsfonds.",
    )
    bert = verified(UserFactory(name="Bert Bauer", email="bert@example.org"))
    RoundRoleFactory(round=round, person=bert, role=RoleKind.MENTEE)
    ApplicationFactory(
        round=round,
        person=bert,
        topics=["publication_funds"],
        expectations="Wie verwalte ich einen Publikationsfonds?",
    )
    run_and_send(round, coordinator)
    return Pairs(anna=anna, mona=mona, bert=bert, fritz=fritz)


def url(round):
    return portal_url("proposal", round)


def page(client, person, round):
    client.force_login(person)
    response = client.get(url(round))
    return response, response.content.decode()


def answer(client, person, round, proposal, choice, comment=""):
    client.force_login(person)
    prefix = f"p{proposal.pk}"
    return client.post(
        url(round),
        {"proposal": proposal.pk, f"{prefix}-answer": choice, f"{prefix}-comment": comment},
    )


def assert_absent(html, secrets):
    for secret in secrets:
        assert secret not in html


# --- who may read it ------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, round, pairs):
    response = client.get(url(round))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_mentee_reads_the_proposed_mentor_and_why(client, round, pairs):
    response, html = page(client, pairs.anna, round)
    assert response.status_code == 200
    for text in (
        "Proposed mentor: Mona Monitoring",
        "Ich baue Publikationsmonitoring auf",
        "Monitoring seit 2015",
        "Tuesday; vormittags",
        "https://video.example.org/mona",
        pairs.mona.institution.name,
        "(University)",
        "Publication monitoring",
        "Expert: I lead or teach this",
        date_format(pairs.ours.answer_by, "DATE_FORMAT"),
    ):
        assert text in html
    assert f'name="p{pairs.ours.pk}-answer"' in html
    # The mentor's address only comes with the tandem; the other pair and the coordinators'
    # working data (score, runner-up) never appear.
    assert "mona@example.org" not in html
    assert_absent(html, BERT_SECRETS + FRITZ_SECRETS)
    assert str(pairs.ours.score) not in html
    assert AuditEntry.objects.filter(
        actor=pairs.anna, action="matching.proposal_viewed", object_id=str(pairs.ours.pk)
    ).exists()


def test_the_mentor_reads_the_proposed_mentee(client, round, pairs):
    response, html = page(client, pairs.mona, round)
    assert response.status_code == 200
    for text in (
        "Proposed mentee: Anna Amsel",
        "Ich will ein Publikationsmonitoring aufbauen",
        "OA-Bericht 2027",
        "mittwochs",
        "Open-Access-Referentin",
        "1. Publication monitoring",
        pairs.anna.institution.name,
    ):
        assert text in html
    # Not for the mentor: how the applicant heard of us, the address before the tandem.
    assert "Geheimtipp" not in html and "anna@example.org" not in html
    assert_absent(html, BERT_SECRETS + FRITZ_SECRETS)


def test_the_other_pair_sees_only_its_own_proposal(client, round, pairs):
    for person, own in ((pairs.bert, "Fritz Fonds"), (pairs.fritz, "Bert Bauer")):
        response, html = page(client, person, round)
        assert response.status_code == 200
        assert own in html
        assert_absent(html, ANNA_SECRETS + MONA_SECRETS)


@pytest.mark.parametrize("who", ["trainer", "coordinator", "outsider", "foreign_coordinator"])
def test_everyone_else_gets_404_and_learns_nothing(client, round, pairs, people, who):
    response, html = page(client, people[who], round)
    assert response.status_code == 404
    assert_absent(html, ANNA_SECRETS + MONA_SECRETS + BERT_SECRETS + FRITZ_SECRETS)
    response = answer(client, people[who], round, pairs.ours, Answer.ACCEPT)
    assert response.status_code == 404
    assert pairs.ours.mentee_answer == pairs.ours.mentor_answer == ""


def test_unknown_round_is_404(client, pairs):
    client.force_login(pairs.anna)
    response = client.get(
        reverse("portal:proposal", kwargs={"org": "nope", "programme": "nope", "round": "nope"})
    )
    assert response.status_code == 404


def test_drafts_and_withdrawn_proposals_stay_with_the_coordinators(
    client, round, coordinator, people
):
    mentor = people["mentor"]
    MentorProfileFactory(round=round, person=mentor, levels={"publication_monitoring": 3})
    ApplicationFactory(round=round, person=people["mentee"], topics=["publication_monitoring"])
    run = services.run_matching(round=round, by=coordinator, settings=services.MatchSettings())
    for person in (people["mentee"], mentor):
        assert page(client, person, round)[0].status_code == 404
    services.send_proposals(run=run, answer_by=timezone.localdate(), by=coordinator)
    assert page(client, mentor, round)[0].status_code == 200
    services.withdraw_proposal(proposal=run.proposals.get(), by=coordinator)
    for person in (people["mentee"], mentor):
        assert page(client, person, round)[0].status_code == 404


# --- answering --------------------------------------------------------------------------


def test_two_yeses_through_the_page_form_the_tandem(
    client, round, coordinator, pairs, django_capture_on_commit_callbacks
):
    # The proposals reach the two by mail once the coordinator releases the drafts.
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        release_round_mails(round=round, by=coordinator)
    assert {m.to[0] for m in mail.outbox} == {
        "anna@example.org",
        "mona@example.org",
        "bert@example.org",
        "fritz@example.org",
    }
    to_anna = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert url(round) in to_anna.body
    mail.outbox.clear()

    proposal = pairs.ours
    response = answer(client, pairs.anna, round, proposal, Answer.ACCEPT, "Freue mich sehr")
    assert response.status_code == 302 and response["Location"] == url(round)
    html = client.get(url(round)).content.decode()
    assert "You answered “Yes, this fits”" in html
    assert "Freue mich sehr" in html
    assert "The mentor has not answered yet." in html
    assert f'name="p{proposal.pk}-answer"' not in html

    # The mentor learns neither the mentee's answer nor the comment before answering.
    response, html = page(client, pairs.mona, round)
    assert "Freue mich sehr" not in html and "You answered" not in html
    assert "answered too" not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(client, pairs.mona, round, proposal, Answer.ACCEPT)
    assert response.status_code == 302

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    tandem = Tandem.objects.get()
    assert (tandem.mentee, tandem.mentor, tandem.proposal) == (pairs.anna, pairs.mona, proposal)
    assert proposal.application.state == ApplicationState.ADMITTED
    formed = QueuedMail.objects.filter(template_key="tandem_formed")
    assert {m.status for m in formed} == {MailStatus.SENT}
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "mona@example.org"]
    assert all("mona@example.org" in m.body for m in mail.outbox if m.to == ["anna@example.org"])

    html = client.get(url(round)).content.decode()  # the mentor's page now
    assert "Tandem formed" in html and 'href="mailto:anna@example.org"' in html
    assert "Freue mich sehr" not in html
    response, html = page(client, pairs.anna, round)
    assert "Tandem formed" in html and 'href="mailto:mona@example.org"' in html
    # The other pair is untouched.
    assert pairs.theirs.status == ProposalStatus.SENT


def test_a_no_without_comment_is_refused_at_the_field(client, round, pairs):
    proposal = pairs.ours
    response = answer(client, pairs.mona, round, proposal, Answer.DECLINE, "   ")
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_p{proposal.pk}-comment_error"' in html
    assert "Please say in a few words why it does not fit" in html
    assert "Your answer was not saved." in html
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SENT and proposal.mentor_answer == ""
    assert not PairRule.objects.exists()


@pytest.mark.parametrize(
    "choice, message", [("", "Please choose yes or no."), ("maybe", "Select a valid choice.")]
)
def test_no_choice_or_a_strange_one_is_refused_at_the_field(client, round, pairs, choice, message):
    proposal = pairs.ours
    response = answer(client, pairs.anna, round, proposal, choice, "Kommentar")
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_p{proposal.pk}-answer_error"' in html and message in html
    proposal.refresh_from_db()
    assert proposal.mentee_answer == "" and proposal.mentee_comment == ""


def test_a_no_ends_the_pair_without_telling_the_comment(client, round, coordinator, pairs):
    proposal = pairs.ours
    response = answer(client, pairs.mona, round, proposal, Answer.DECLINE, "Wir kennen uns privat")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    assert PairRule.objects.get().kind == PairRuleKind.EXCLUDE
    assert QueuedMail.objects.filter(
        template_key="proposal_declined", to=coordinator.email
    ).exists()
    response, html = page(client, pairs.anna, round)
    assert "This proposal did not come about; the coordinators will look for another one." in html
    assert "Wir kennen uns privat" not in html
    assert f'name="p{proposal.pk}-answer"' not in html
    # Too late for the mentee's yes now.
    response = answer(client, pairs.anna, round, proposal, Answer.ACCEPT)
    assert response.status_code == 400
    assert "no longer open for answers" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.mentee_answer == ""


def test_answering_twice_changes_nothing(client, round, pairs):
    proposal = pairs.ours
    assert answer(client, pairs.anna, round, proposal, Answer.ACCEPT).status_code == 302
    response = answer(client, pairs.anna, round, proposal, Answer.DECLINE, "doch nicht")
    assert response.status_code == 400
    assert "You have already answered this proposal." in response.content.decode()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.mentee_answer, proposal.mentee_comment) == (
        ProposalStatus.SENT,
        Answer.ACCEPT,
        "",
    )


def test_after_the_date_there_is_no_form_and_no_answer(client, round, pairs):
    proposal = pairs.ours
    later = timezone.now() + dt.timedelta(days=16)
    with time_machine.travel(later, tick=False):
        response, html = page(client, pairs.anna, round)
        assert response.status_code == 200
        assert "The time for answers has run out" in html
        assert f'name="p{proposal.pk}-answer"' not in html
        response = answer(client, pairs.anna, round, proposal, Answer.ACCEPT)
        assert response.status_code == 400
        assert "The time for answers has run out" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.mentee_answer == "" and proposal.status == ProposalStatus.SENT


def test_nobody_answers_for_another_pair(client, round, pairs):
    theirs = pairs.theirs
    response = answer(client, pairs.anna, round, theirs, Answer.DECLINE, "Passt nicht")
    assert response.status_code == 404
    assert_absent(response.content.decode(), BERT_SECRETS + FRITZ_SECRETS)
    theirs.refresh_from_db()
    assert theirs.status == ProposalStatus.SENT and theirs.mentee_answer == ""


def test_newest_proposal_comes_first_after_a_decline(client, round, coordinator, pairs):
    # the text decides: a mentor is found through what the profile says
    MentorProfileFactory(
        round=round,
        person=verified(UserFactory(name="Theo Tabelle")),
        levels={"publication_monitoring": 2},
        presentation="Ich erstelle das Publikationsmonitoring unserer UB.",
    )
    answer(client, pairs.mona, round, pairs.ours, Answer.DECLINE, "Wir kennen uns privat")
    second = run_and_send(round, coordinator)
    assert second.proposals.get().mentor_profile.person.name == "Theo Tabelle"
    response, html = page(client, pairs.anna, round)
    assert "Your tandem proposals" in html
    assert html.index("Proposed mentor: Theo Tabelle") < html.index(
        "Proposed mentor: Mona Monitoring"
    )


# --- ways in: the round page and the dashboard ----------------------------------------------


def test_round_page_and_dashboard_lead_to_an_open_proposal(client, round, pairs, people):
    proposal_url = url(round)
    client.force_login(pairs.anna)
    assert proposal_url in client.get(portal_url("round", round)).content.decode()
    dashboard = client.get(reverse("portal:dashboard")).content.decode()
    assert "A tandem proposal waits for your answer" in dashboard
    assert proposal_url in dashboard

    answer(client, pairs.anna, round, pairs.ours, Answer.ACCEPT)
    dashboard = client.get(reverse("portal:dashboard")).content.decode()
    assert "A tandem proposal waits for your answer" not in dashboard
    # The page stays reachable from the round page to follow the other's answer.
    assert proposal_url in client.get(portal_url("round", round)).content.decode()

    client.force_login(people["trainer"])
    assert proposal_url not in client.get(portal_url("round", round)).content.decode()
    assert "A tandem proposal waits" not in client.get(reverse("portal:dashboard")).content.decode()
