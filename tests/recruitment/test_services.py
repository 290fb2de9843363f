import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from tandem.audit.models import AuditEntry
from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tandem.programmes.enums import RoleKind
from tandem.recruitment import selectors, services, tasks
from tandem.recruitment.enums import CandidateStatus
from tandem.recruitment.models import Candidate, InfoEventRegistration, MentorProfile
from tests.conftest import verified
from tests.factories import UserFactory

from .factories import CandidateFactory, InfoEventFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db


def topic(programme_round, key):
    return programme_round.programme.topics.get(key=key)


def test_add_candidate_refuses_duplicates_and_logs(round, coordinator):
    candidate = services.add_candidate(
        round=round,
        name="Eva Brandt",
        email="Eva@Example.org",
        by=coordinator,
        topics=[topic(round, "publication_monitoring")],
    )
    assert candidate.email == "eva@example.org"
    assert candidate.status == CandidateStatus.IDEA
    assert AuditEntry.objects.filter(action="candidate.added").count() == 1
    with pytest.raises(ValidationError) as error:
        services.add_candidate(round=round, name="Eva", email="eva@example.org", by=coordinator)
    assert "email" in error.value.message_dict


def test_invite_candidates_creates_drafts_with_personal_links(round, coordinator):
    first, second = CandidateFactory(round=round), CandidateFactory(round=round, language="en")
    answered = CandidateFactory(round=round, status=CandidateStatus.DECLINED)
    result = services.invite_candidates(
        round=round, candidates=[first, second, answered], by=coordinator
    )
    assert result.invited == [first, second] and result.skipped == [answered]
    drafts = QueuedMail.objects.filter(status=MailStatus.DRAFT, template_key="mentor_invitation")
    assert drafts.count() == 2
    first.refresh_from_db()
    assert first.status == CandidateStatus.INVITED and len(first.token) >= 40
    assert first.token in drafts.get(to=first.email).body
    assert "ein virtuelles Treffen im Monat" in drafts.get(to=first.email).body
    assert drafts.get(to=second.email).body.startswith("Hello")
    assert mail.outbox == []
    # An open invitation is not sent twice.
    again = services.invite_candidates(round=round, candidates=[first], by=coordinator)
    assert again.skipped == [first]


def test_release_invitations_sends_the_drafts(
    round, coordinator, django_capture_on_commit_callbacks
):
    services.invite_candidates(
        round=round, candidates=[CandidateFactory(round=round)], by=coordinator
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.release_invitations(round=round, by=coordinator) == 1
    assert len(mail.outbox) == 1
    assert not selectors.invitation_drafts(round).exists()


def test_accept_gives_the_mentor_role_and_closes_the_link(round, coordinator):
    candidate = CandidateFactory(round=round)
    services.invite_candidates(round=round, candidates=[candidate], by=coordinator)
    candidate.refresh_from_db()
    person = verified(UserFactory(email=candidate.email))
    services.accept_invitation(candidate=candidate, person=person)
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.ACCEPTED and candidate.person == person
    assert candidate.token_hash is None and candidate.answered_at
    assert round.roles.filter(person=person, role=RoleKind.MENTOR).exists()
    with pytest.raises(ValidationError):
        services.accept_invitation(candidate=candidate, person=person)


def test_a_mentee_cannot_accept_a_mentor_invitation(round, coordinator, people):
    candidate = CandidateFactory(round=round)
    services.invite_candidates(round=round, candidates=[candidate], by=coordinator)
    candidate.refresh_from_db()
    with pytest.raises(ValidationError):
        services.accept_invitation(candidate=candidate, person=people["mentee"])
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.INVITED


def test_decline_and_expired_token(round, coordinator):
    candidate, late = CandidateFactory(round=round), CandidateFactory(round=round)
    services.invite_candidates(round=round, candidates=[candidate, late], by=coordinator)
    candidate.refresh_from_db()
    late.refresh_from_db()
    services.decline_invitation(candidate=candidate)
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.DECLINED and candidate.token_hash is None
    assert selectors.candidate_for_token(late.token) == late
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        assert selectors.candidate_for_token(late.token) is None
        with pytest.raises(ValidationError):
            services.accept_invitation(
                candidate=late, person=verified(UserFactory(email=late.email))
            )
    assert selectors.candidate_for_token("nonsense") is None
    assert selectors.candidate_for_token("") is None


def test_remind_once_then_mark_no_answer(round, coordinator, django_capture_on_commit_callbacks):
    candidate = CandidateFactory(round=round)
    services.invite_candidates(round=round, candidates=[candidate], by=coordinator)
    start = timezone.now()
    with time_machine.travel(start + dt.timedelta(days=5)):
        assert services.remind_candidates() == (0, 0)
    with time_machine.travel(start + dt.timedelta(days=11)):
        with django_capture_on_commit_callbacks(execute=True):
            assert services.remind_candidates() == (1, 0)
        assert services.remind_candidates() == (0, 0)
    assert len(mail.outbox) == 1 and "Erinnerung" in mail.outbox[0].subject
    with time_machine.travel(start + dt.timedelta(days=22)):
        call_command("remind_candidates")
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.NO_ANSWER
    assert len(mail.outbox) == 1
    # A late yes still works while the link is valid.
    # The reminder carries a new link (only hashes are stored); the first one is replaced.
    assert candidate.token not in mail.outbox[0].body
    assert selectors.candidate_for_token(candidate.token) is None
    reminded = Candidate.objects.get(pk=candidate.pk)
    with time_machine.travel(start + dt.timedelta(days=25)):
        link_token = mail.outbox[0].body.split("/invitation/")[1].split("/")[0]
        assert selectors.candidate_for_token(link_token) == reminded
        services.accept_invitation(
            candidate=reminded, person=verified(UserFactory(email=candidate.email))
        )


def test_remind_task_runs_the_service(round, coordinator):
    candidate = CandidateFactory(round=round)
    services.invite_candidates(round=round, candidates=[candidate], by=coordinator)
    with time_machine.travel(timezone.now() + dt.timedelta(days=12)):
        result = tasks.remind_candidates.enqueue()
    assert result.return_value == [1, 0]


def test_invitation_text_of_the_round_is_used_and_checked(round, coordinator):
    from tandem.mail.services import save_round_texts

    with pytest.raises(ValidationError) as error:
        save_round_texts(
            round=round,
            key="mentor_invitation",
            by=coordinator,
            texts={"de": ("Hallo {% if %}", "x"), "en": ("a", "b")},
        )
    assert "subject_de" in error.value.message_dict
    save_round_texts(
        round=round,
        key="mentor_invitation",
        by=coordinator,
        texts={
            "de": ("Einladung {{ round }}", "Hallo {{ name }}: {{ url }}"),
            "en": ("Invitation", "Hi {{ name }}"),
        },
    )
    candidate = CandidateFactory(round=round, name="Eva")
    services.invite_candidates(round=round, candidates=[candidate], by=coordinator)
    draft = QueuedMail.objects.get(to=candidate.email)
    assert draft.subject == f"Einladung {round.name}"
    assert draft.body.startswith("Hallo Eva: /p/")


def test_save_mentor_profile_validates_and_replaces_topics(round, people):
    mentor = people["mentor"]
    data = services.MentorProfileData(
        presentation="Ich berate zu OA.",
        capacity=2,
        languages=["de", "en", "xx"],
        weekdays=["mon", "sun"],
    )
    with pytest.raises(ValidationError) as error:
        services.save_mentor_profile(round=round, person=mentor, data=data, levels={})
    assert "topics" in error.value.message_dict
    profile = services.save_mentor_profile(
        round=round,
        person=mentor,
        data=data,
        levels={topic(round, "diamond_oa"): 3, topic(round, "leadership"): None},
    )
    assert profile.languages == ["de", "en"] and profile.weekdays == ["mon"]
    assert [(lv.topic.key, lv.level) for lv in profile.levels.all()] == [("diamond_oa", 3)]
    services.save_mentor_profile(
        round=round, person=mentor, data=data, levels={topic(round, "leadership"): 1}
    )
    assert [lv.topic.key for lv in profile.levels.all()] == ["leadership"]
    assert MentorProfile.objects.count() == 1
    with pytest.raises(ValidationError):
        services.save_mentor_profile(
            round=round, person=people["mentee"], data=data, levels={topic(round, "leadership"): 1}
        )


def test_published_profiles_only_of_current_mentors_who_opted_in(round, people):
    shown = MentorProfileFactory(round=round, person=people["mentor"])
    MentorProfileFactory(round=round, publish_in_gallery=False)
    former = MentorProfileFactory(round=round)
    former.person.round_roles.all().delete()
    MentorProfileFactory()  # another round
    assert list(selectors.published_profiles(round)) == [shown]


def test_register_for_info_event_once_per_address(round, django_capture_on_commit_callbacks):
    event = InfoEventFactory(round=round)
    with django_capture_on_commit_callbacks(execute=True):
        registration, created = services.register_for_info_event(
            event=event, name="Laura", email="Laura@example.org", consent_text="ok"
        )
    assert created and registration.consented_at
    again, created = services.register_for_info_event(
        event=event, name="Laura B.", email="laura@EXAMPLE.org", consent_text="ok"
    )
    assert not created and again == registration
    assert InfoEventRegistration.objects.count() == 1
    assert len(mail.outbox) == 1  # the confirmation request (the second one is not sent here)
    assert "info-event.ics" not in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.confirm_info_event_registration(token=again.token)
    assert confirmed == registration and confirmed.confirmed_at
    assert f"/p/{round.programme.organisation.slug}/" in mail.outbox[-1].body
    assert "info-event.ics" in mail.outbox[-1].body
    assert services.confirm_info_event_registration(token=again.token) is None
    with (
        time_machine.travel(event.ends_at + dt.timedelta(minutes=1)),
        pytest.raises(ValidationError),
    ):
        services.register_for_info_event(
            event=event, name="X", email="x@example.org", consent_text="ok"
        )


def test_schedule_info_event_checks_times(round, coordinator):
    start = timezone.now() + dt.timedelta(days=3)
    with pytest.raises(ValidationError):
        services.schedule_info_event(round=round, starts_at=start, ends_at=start, by=coordinator)
    event = services.schedule_info_event(
        round=round, starts_at=start, ends_at=start + dt.timedelta(hours=1), by=coordinator
    )
    services.schedule_info_event(
        round=round, starts_at=start, ends_at=start + dt.timedelta(hours=2), by=coordinator
    )
    event.refresh_from_db()
    assert event.ends_at == start + dt.timedelta(hours=2)
    assert AuditEntry.objects.filter(action__startswith="info_event.").count() == 2


def test_supervisor_letter_data_uses_round_phases_and_role(round, people):
    data = selectors.supervisor_letter_data(round, people["mentee"], "en")
    assert data.role == "mentee" and data.language == "en"
    assert [label for label, *_ in data.phases][0] == "Mentor recruitment"


def test_expired_invitation_without_reminder_becomes_no_answer(round, coordinator):
    candidate = CandidateFactory(round=round)
    services.invite_candidates(round=round, candidates=[candidate], by=coordinator)
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        assert services.remind_candidates() == (0, 1)
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.NO_ANSWER
