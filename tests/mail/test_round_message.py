"""A coordinator's message to a group of a round: drafts in the outbox until released."""

import pytest
from django.core import mail

from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tandem.matching import round_messages
from tandem.matching.enums import ProposalStatus
from tandem.matching.models import MatchRun, Proposal
from tandem.programmes.enums import RoleKind
from tandem.tandems.models import Tandem
from tests.applications.factories import ApplicationFactory
from tests.conftest import manage_url, verified
from tests.factories import RoundRoleFactory, UserFactory
from tests.recruitment.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db

MESSAGE = {
    "group": "mentors",
    "subject_de": "{{ round }}: Schulung am Montag",
    "body_de": "Guten Tag {{ name }},\nbitte denken Sie an die Schulung.",
    "subject_en": "{{ round }}: training on Monday",
    "body_en": "Hello {{ name }},\nplease remember the training.",
}


@pytest.fixture
def cast(round):
    def person(name, language="de"):
        return verified(UserFactory(name=name, language=language))

    mentor_a, mentor_b = person("Anna Mentorin"), person("Bert Mentor", "en")
    mentee_a, mentee_b = person("Cem Mentee"), person("Dora Mentee")
    MentorProfileFactory(round=round, person=mentor_a)
    profile_b = MentorProfileFactory(round=round, person=mentor_b)
    for mentee in (mentee_a, mentee_b):
        RoundRoleFactory(round=round, person=mentee, role=RoleKind.MENTEE)
    Tandem.objects.create(round=round, mentor=mentor_a, mentee=mentee_a)
    run = MatchRun.objects.create(round=round, number=1, mode="optimal", parameters={})
    Proposal.objects.create(
        run=run,
        round=round,
        application=ApplicationFactory(round=round, person=mentee_b),
        mentor_profile=profile_b,
        score=0.5,
        status=ProposalStatus.SENT,
        mentor_answer="accept",
    )
    return {"mentors": {mentor_a, mentor_b}, "tandem": {mentor_a, mentee_a}, "waiting": {mentee_b}}


def test_groups_hold_the_right_people(round, cast):
    def members(group):
        return set(round_messages.members_of(round, group))

    assert members("mentors") == cast["mentors"]
    assert members("tandems") == cast["tandem"]
    assert members("proposal_unanswered") == cast["waiting"]
    assert cast["mentors"] | cast["waiting"] <= members("everyone")


def test_the_message_waits_as_drafts_named_and_in_each_language(
    login, round, coordinator, cast, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    page = client.get(manage_url("mail_message", round)).content.decode()
    assert "All mentors of the round (2 people)" in page
    response = client.post(manage_url("mail_message", round), MESSAGE)
    assert response.status_code == 302 and "status=draft" in response.url
    drafts = QueuedMail.objects.filter(round=round, template_key=round_messages.KEY)
    assert {draft.status for draft in drafts} == {MailStatus.DRAFT}
    by_name = {draft.recipient.name: draft for draft in drafts}
    assert set(by_name) == {"Anna Mentorin", "Bert Mentor"}
    assert by_name["Anna Mentorin"].body.startswith("Guten Tag Anna Mentorin,")
    assert by_name["Bert Mentor"].body.startswith("Hello Bert Mentor,")
    assert mail.outbox == []  # nothing leaves before the coordinator releases it
    with django_capture_on_commit_callbacks(execute=True):
        client.post(manage_url("mail_outbox", round), {"action": "release_all"})
    assert len(mail.outbox) == 2


def test_a_broken_text_is_refused_and_nothing_is_written(login, round, coordinator, cast):
    response = login(coordinator).post(
        manage_url("mail_message", round), {**MESSAGE, "body_en": "Hello {{ nmae }}"}
    )
    assert response.status_code == 400
    assert 'id="id_body_en_error"' in response.content.decode()
    assert not QueuedMail.objects.filter(template_key=round_messages.KEY).exists()


def test_an_unknown_group_is_not_a_valid_choice(login, round, coordinator):
    response = login(coordinator).post(manage_url("mail_message", round), {**MESSAGE, "group": "x"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
