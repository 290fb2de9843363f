import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction

from tandem.applications.enums import ApplicationState
from tandem.applications.models import Application, MentorChoice, TopicChoice
from tandem.audit.models import AuditEntry
from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tandem.people.services import ERASED_NAME
from tandem.privacy.erasure import erase_person
from tandem.programmes.enums import RoleKind
from tandem.programmes.models import RoundRole
from tandem.recruitment.models import Candidate, InfoEventRegistration, MentorProfile
from tests.applications.factories import ApplicationFactory
from tests.factories import RoundFactory, RoundRoleFactory, UserFactory

pytestmark = pytest.mark.django_db
S = ApplicationState


def test_the_account_is_anonymised_but_keeps_its_id(scenario, django_capture_on_commit_callbacks):
    person = scenario.person
    pk = person.pk
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(person, by=person)
    person.refresh_from_db()
    assert person.pk == pk
    assert person.name == ERASED_NAME
    assert person.email == f"deleted-{pk}@invalid"
    assert person.position == ""
    assert person.institution is None
    assert not person.is_active
    assert not person.has_usable_password()
    assert not EmailAddress.objects.filter(user_id=pk).exists()
    assert not Authenticator.objects.filter(user_id=pk).exists()
    # the audit trail still points at the record
    assert AuditEntry.objects.filter(actor_id=pk, action="person.profile_updated").exists()
    entry = AuditEntry.objects.get(action="privacy.person_erased")
    assert entry.actor_id == pk
    assert entry.data["mentor_profiles"] == 1
    assert "petra" not in str(entry.data).lower()


def test_profiles_files_registrations_and_candidate_entries_are_deleted(
    scenario, django_capture_on_commit_callbacks
):
    photo, slides = scenario.profile.photo.name, scenario.profile.slides.name
    assert default_storage.exists(photo) and default_storage.exists(slides)
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(scenario.person, by=scenario.person)
    assert not MentorProfile.objects.filter(person=scenario.person).exists()
    assert not default_storage.exists(photo)
    assert not default_storage.exists(slides)
    assert not Candidate.objects.filter(pk=scenario.candidate.pk).exists()
    assert not InfoEventRegistration.objects.filter(pk=scenario.registration.pk).exists()
    # the other person's records stay as they were
    assert default_storage.exists(scenario.other_profile.photo.name)
    assert Candidate.objects.filter(email=scenario.other.email).exists()
    assert InfoEventRegistration.objects.filter(email=scenario.other.email).exists()
    assert Application.objects.get(pk=scenario.other_application.pk).expectations == (
        "OTHER expectations"
    )


def test_open_applications_go_and_decided_ones_stay_without_free_texts(round):
    person = UserFactory()
    mentor = UserFactory()
    rounds = {state: RoundFactory(programme=round.programme) for state in S}
    applications = {}
    for state, each in rounds.items():
        applications[state] = ApplicationFactory(
            round=each, person=person, state=state, availability="dienstags", how_heard="Liste"
        )
        MentorChoice.objects.create(application=applications[state], mentor=mentor, rank=1)
        if state in (S.SUBMITTED, S.SHORTLISTED, S.WAITLISTED, S.ADMITTED):
            RoundRoleFactory(round=each, person=person, role=RoleKind.MENTEE)

    counts = erase_person(person, by=person)

    kept = Application.objects.filter(person=person)
    assert set(kept.values_list("state", flat=True)) == {S.ADMITTED, S.DECLINED, S.WITHDRAWN}
    for application in kept:
        assert application.expectations == application.upcoming_projects == ""
        assert application.availability == application.how_heard == application.position == ""
        assert application.consent_at is not None  # the record of consent stays
        assert TopicChoice.objects.filter(application=application).exists()
        assert not MentorChoice.objects.filter(application=application).exists()
    # the mentee role leaves with the open application, stays with the admitted one
    assert set(RoundRole.objects.filter(person=person).values_list("round", flat=True)) == {
        rounds[S.ADMITTED].pk
    }
    assert counts["applications_deleted"] == 4
    assert counts["applications_anonymised"] == 3
    assert counts["mentee_roles_revoked"] == 3


def test_unsent_mails_are_discarded_and_sent_ones_keep_no_address(scenario):
    other_mail = QueuedMail.objects.get(to=scenario.other.email)
    erase_person(scenario.person, by=scenario.person)
    assert not QueuedMail.objects.filter(pk=scenario.draft.pk).exists()
    sent = QueuedMail.objects.get(pk=scenario.sent.pk)
    assert sent.to == f"deleted-{scenario.person.pk}@invalid"
    assert sent.subject == sent.body == ""
    assert sent.status == MailStatus.SENT
    other_mail.refresh_from_db()
    assert other_mail.to == scenario.other.email
    assert other_mail.body == "Dear OTHER Olaf"


def test_staff_roles_and_coordination_end(round, coordinator):
    second = UserFactory()
    round.programme.organisation.coordinators.add(second)
    RoundRoleFactory(round=round, person=second, role=RoleKind.TRAINER)
    erase_person(second, by=second)
    assert not round.programme.organisation.coordinators.filter(pk=second.pk).exists()
    assert not RoundRole.objects.filter(person=second).exists()


def test_the_only_coordinator_cannot_go(round, coordinator):
    with pytest.raises(ValidationError) as error:
        erase_person(coordinator, by=coordinator)
    assert "only coordinator" in error.value.messages[0]
    assert round.programme.organisation.name in error.value.messages[0]
    coordinator.refresh_from_db()
    assert coordinator.is_active
    assert coordinator.name == "Cora Coordinator"
    assert not AuditEntry.objects.filter(action="privacy.person_erased").exists()


def test_a_failed_erasure_keeps_every_file(scenario, django_capture_on_commit_callbacks):
    photo = scenario.profile.photo.name
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        erase_person(scenario.person, by=scenario.person)
        raise RuntimeError("the database went away")
    assert default_storage.exists(photo)
    assert MentorProfile.objects.filter(pk=scenario.profile.pk).exists()


def test_the_persons_comments_on_proposals_go(round):
    from tandem.matching.models import MatchRun, Proposal
    from tests.recruitment.factories import MentorProfileFactory

    person = UserFactory()
    application = ApplicationFactory(round=round, person=person, state=S.ADMITTED)
    run = MatchRun.objects.create(round=round, number=1, mode="optimal")
    proposal = Proposal.objects.create(
        run=run,
        round=round,
        application=application,
        mentor_profile=MentorProfileFactory(round=round),
        score=0.6,
        status="declined",
        mentee_answer="decline",
        mentee_comment="Meine Vorgesetzte ist dagegen",
        mentor_comment="Schade",
    )
    counts = erase_person(person, by=person)
    proposal.refresh_from_db()
    assert proposal.mentee_comment == "" and proposal.mentor_comment == "Schade"
    assert counts["proposal_comments_blanked"] == 1
