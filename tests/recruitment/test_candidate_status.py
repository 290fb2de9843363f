"""Coordinators set a candidate's status by hand and remove candidates from the list."""

import pytest

from tandem.audit.models import AuditEntry
from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tandem.programmes.enums import RoleKind
from tandem.programmes.models import RoundRole
from tandem.recruitment import services
from tandem.recruitment.enums import CandidateStatus
from tandem.recruitment.models import Candidate
from tests.conftest import DENIED_ROLES, manage_url
from tests.factories import UserFactory

from .factories import CandidateFactory

pytestmark = pytest.mark.django_db


def status_url(round, candidate):
    return manage_url("recruitment_candidate_status", round, candidate=candidate.pk)


def remove_url(round, candidate):
    return manage_url("recruitment_candidate_remove", round, candidate=candidate.pk)


def test_answer_by_phone_closes_the_link(login, round, coordinator):
    candidate = CandidateFactory(round=round)
    services.invite_candidates(round=round, candidates=[candidate], by=coordinator, review=False)
    candidate.refresh_from_db()
    assert candidate.token_valid
    response = login(coordinator).post(status_url(round, candidate), {"status": "declined"})
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.DECLINED
    assert candidate.answered_at is not None and not candidate.token_valid
    entry = AuditEntry.objects.get(action="candidate.status_set")
    assert entry.data == {"from": "invited", "to": "declined"} and entry.actor == coordinator


def test_reset_to_idea_allows_a_new_invitation(round, coordinator):
    candidate = CandidateFactory(round=round, status=CandidateStatus.DECLINED)
    services.set_candidate_status(candidate=candidate, status="idea", by=coordinator)
    assert candidate.invited_at is None and candidate.answered_at is None
    result = services.invite_candidates(round=round, candidates=[candidate], by=coordinator)
    assert result.invited == [candidate]


@pytest.mark.parametrize("status", ["invited", "accepted", "nonsense"])
def test_statuses_that_only_an_invitation_gives_are_refused(login, round, coordinator, status):
    candidate = CandidateFactory(round=round, notes="Kennt sich mit Monitoring aus")
    response = login(coordinator).post(status_url(round, candidate), {"status": status})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-invalid="true"' in page and "Kennt sich mit Monitoring aus" in page
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.IDEA


def test_accepted_mentor_cannot_be_set_back_by_hand(login, round, coordinator):
    mentor = UserFactory()
    candidate = CandidateFactory(round=round, status=CandidateStatus.ACCEPTED, person=mentor)
    response = login(coordinator).post(status_url(round, candidate), {"status": "declined"})
    assert response.status_code == 400
    assert "People and roles" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.ACCEPTED


def test_remove_candidate_after_confirmation_drops_unsent_invitation(login, round, coordinator):
    candidate = CandidateFactory(round=round, name="Eva Brandt", email="eva@example.org")
    other = CandidateFactory(round=round)
    services.invite_candidates(round=round, candidates=[candidate, other], by=coordinator)
    assert QueuedMail.objects.filter(status=MailStatus.DRAFT).count() == 2
    client = login(coordinator)
    confirm = client.get(remove_url(round, candidate))
    assert confirm.status_code == 200 and "Eva Brandt" in confirm.content.decode()
    assert Candidate.objects.filter(pk=candidate.pk).exists()  # GET changes nothing
    response = client.post(remove_url(round, candidate))
    assert response.status_code == 302
    assert not Candidate.objects.filter(pk=candidate.pk).exists()
    assert list(QueuedMail.objects.values_list("to", flat=True)) == [other.email]
    assert AuditEntry.objects.filter(action="candidate.removed").count() == 1


def test_removing_an_accepted_candidate_keeps_the_mentor_role(round, coordinator):
    mentor = UserFactory()
    RoundRole.objects.create(round=round, person=mentor, role=RoleKind.MENTOR)
    candidate = CandidateFactory(round=round, status=CandidateStatus.ACCEPTED, person=mentor)
    services.remove_candidate(candidate=candidate, by=coordinator)
    assert RoundRole.objects.filter(round=round, person=mentor, role=RoleKind.MENTOR).exists()


def test_candidate_of_another_round_cannot_be_changed_or_removed(login, round, coordinator):
    other = CandidateFactory()
    client = login(coordinator)
    assert client.post(status_url(round, other), {"status": "declined"}).status_code == 404
    assert client.get(remove_url(round, other)).status_code == 404
    assert client.post(remove_url(round, other)).status_code == 404
    other.refresh_from_db()
    assert other.status == CandidateStatus.IDEA


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_others_cannot_set_status_or_remove(login, round, people, role):
    candidate = CandidateFactory(round=round, name="Eva Brandt")
    client = login(people[role])
    assert client.post(status_url(round, candidate), {"status": "declined"}).status_code == 404
    page = client.get(remove_url(round, candidate))
    assert page.status_code == 404 and b"Eva Brandt" not in page.content
    assert client.post(remove_url(round, candidate)).status_code == 404
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.IDEA


def test_anonymous_is_sent_to_login(client, round):
    candidate = CandidateFactory(round=round)
    response = client.get(remove_url(round, candidate))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
