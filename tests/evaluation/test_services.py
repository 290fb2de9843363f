"""Interviews, the feedback session and lessons learned: the services' rules."""

import icalendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tandem.evaluation import calendar, selectors, services
from tandem.evaluation.enums import InterviewStatus
from tandem.evaluation.models import FeedbackInvitation
from tandem.mail.models import QueuedMail
from tests.factories import RoundFactory, RoundRoleFactory, UserFactory

from .conftest import at

pytestmark = pytest.mark.django_db


def _event(ics: bytes):
    cal = icalendar.Calendar.from_ical(ics)
    return cal, next(iter(cal.walk("VEVENT")))


def test_an_interview_is_planned_once_per_person_and_the_person_is_told(interview, people):
    mail = QueuedMail.objects.get(template_key="evaluation_interview_planned")
    assert mail.to == people["mentee"].email
    assert "45" in mail.body
    with pytest.raises(ValidationError) as error:
        services.schedule_interview(
            round=interview.round,
            by=people["coordinator"],
            person=people["mentee"],
            starts_at=at(11),
            duration_minutes=45,
        )
    assert "person" in error.value.message_dict


def test_only_participants_are_interviewed_and_only_by_staff(round, people, trainer):
    with pytest.raises(ValidationError) as error:
        services.schedule_interview(
            round=round, by=trainer, person=people["outsider"], starts_at=at(), duration_minutes=45
        )
    assert "person" in error.value.message_dict
    for person in (people["mentor"], people["outsider"]):
        with pytest.raises(PermissionDenied):
            services.schedule_interview(
                round=round,
                by=person,
                person=people["mentee"],
                starts_at=at(),
                duration_minutes=45,
            )
    # A trainer of another round is no staff here.
    other = UserFactory()
    RoundRoleFactory(round=RoundFactory(programme=round.programme), person=other, role="trainer")
    with pytest.raises(PermissionDenied):
        services.schedule_interview(
            round=round, by=other, person=people["mentee"], starts_at=at(), duration_minutes=45
        )


def test_bad_input_is_named_by_field(round, people, trainer):
    with pytest.raises(ValidationError) as error:
        services.schedule_interview(
            round=round,
            by=trainer,
            person=people["mentee"],
            starts_at=at(3000),
            duration_minutes=5,
            online_url="javascript:alert(1)",
        )
    assert {"starts_at", "duration_minutes", "online_url"} <= set(error.value.message_dict)


def test_moving_an_interview_raises_sequence_keeps_uid_and_tells_the_person(interview, trainer):
    uid = interview.uid
    services.update_interview(
        interview=interview, by=trainer, starts_at=at(14), duration_minutes=60
    )
    interview.refresh_from_db()
    assert interview.uid == uid and interview.sequence == 1
    assert QueuedMail.objects.filter(template_key="evaluation_interview_changed").count() == 1
    _cal, event = _event(calendar.interview_ics(interview, for_staff=False))
    assert str(event["uid"]) == str(uid) and int(event["sequence"]) == 1


def test_a_cancelled_interview_cancels_the_calendar_entry(interview, trainer):
    services.set_interview_status(interview=interview, by=trainer, status=InterviewStatus.CANCELLED)
    interview.refresh_from_db()
    cal, event = _event(calendar.interview_ics(interview, for_staff=False))
    assert str(cal["method"]) == "CANCEL" and str(event["status"]) == "CANCELLED"
    assert QueuedMail.objects.filter(template_key="evaluation_interview_cancelled").exists()
    # Planned anew: the same row, the same UID, a higher SEQUENCE.
    again = services.schedule_interview(
        round=interview.round,
        by=trainer,
        person=interview.person,
        starts_at=at(20),
        duration_minutes=45,
    )
    assert again.pk == interview.pk and again.sequence > interview.sequence


def test_a_held_interview_is_not_cancelled_by_mistake(round, people, trainer):
    interview = services.schedule_interview(
        round=round, by=trainer, person=people["mentor"], starts_at=at(-1), duration_minutes=45
    )
    services.set_interview_status(interview=interview, by=trainer, status="held")
    with pytest.raises(ValidationError):
        services.set_interview_status(interview=interview, by=trainer, status="cancelled")
    assert not QueuedMail.objects.filter(template_key="evaluation_interview_cancelled").exists()


def test_held_only_once_begun(interview, trainer):
    with pytest.raises(ValidationError):
        services.set_interview_status(interview=interview, by=trainer, status="held")
    with pytest.raises(ValidationError):
        services.set_interview_status(interview=interview, by=trainer, status="nonsense")


def test_notes_follow_the_guide(interview, trainer):
    count = services.save_interview_notes(
        interview=interview, by=trainer, notes={"critique": "Zu wenig Zeit", "tandem": ""}
    )
    assert count == 1
    texts = {row["item"].key: row["text"] for row in selectors.notes_of(interview)}
    assert texts["critique"] == "Zu wenig Zeit" and texts["tandem"] == ""
    with pytest.raises(ValidationError):
        services.save_interview_notes(interview=interview, by=trainer, notes={"other": "x"})
    with pytest.raises(ValidationError):
        services.save_interview_notes(
            interview=interview, by=trainer, notes={"critique": "x" * 5001}
        )
    # Emptied, the note goes.
    services.save_interview_notes(interview=interview, by=trainer, notes={"critique": ""})
    assert interview.notes.count() == 0


def test_feedback_session_invitations_calendar_and_cancellation(feedback, people, trainer):
    assert services.invite_to_feedback(session=feedback, by=trainer) == 2
    assert services.invite_to_feedback(session=feedback, by=trainer) == 0
    invited = set(
        QueuedMail.objects.filter(template_key="feedback_session_invitation").values_list(
            "to", flat=True
        )
    )
    assert invited == {people["mentor"].email, people["mentee"].email}
    uid = feedback.uid
    services.save_feedback_session(
        round=feedback.round, by=trainer, starts_at=at(13, 14), duration_minutes=90
    )
    feedback.refresh_from_db()
    assert feedback.uid == uid and feedback.sequence == 1
    assert QueuedMail.objects.filter(template_key="feedback_session_changed").count() == 2
    services.cancel_feedback_session(session=feedback, by=trainer)
    feedback.refresh_from_db()
    cal, event = _event(calendar.feedback_ics(feedback, for_staff=False))
    assert str(cal["method"]) == "CANCEL" and int(event["sequence"]) == 2
    assert QueuedMail.objects.filter(template_key="feedback_session_cancelled").count() == 2
    with pytest.raises(ValidationError):
        services.invite_to_feedback(session=feedback, by=trainer)


def test_attendance_after_the_session_and_the_moderators_summary(round, people, trainer):
    session = services.save_feedback_session(
        round=round, by=trainer, starts_at=at(-1), duration_minutes=120, moderator=trainer
    )
    for person in (people["mentor"], people["mentee"]):
        FeedbackInvitation.objects.create(session=session, person=person)
    assert (
        services.record_feedback_attendance(
            session=session, by=people["coordinator"], attended={people["mentor"].pk}
        )
        == 1
    )
    with pytest.raises(PermissionDenied):  # the moderator writes the summary
        services.save_feedback_summary(session=session, by=people["coordinator"], text="x")
    services.save_feedback_summary(session=session, by=trainer, text="Offene Runde.")
    session.refresh_from_db()
    assert session.summary == "Offene Runde."


def test_attendance_waits_for_the_session(feedback, trainer):
    with pytest.raises(ValidationError):
        services.record_feedback_attendance(session=feedback, by=trainer, attended=set())


def test_lessons_learned_are_the_coordinators(round, people, trainer):
    with pytest.raises(PermissionDenied):
        services.save_lessons_learned(programme_round=round, by=trainer, text="x")
    services.save_lessons_learned(
        programme_round=round, by=people["coordinator"], text=" Früher anfangen. "
    )
    assert selectors.lessons_learned(round) == "Früher anfangen."


def test_the_checklist_counts_interviews_of_tandem_members(round, people, trainer):
    from tandem.manage.checklist import feedback_session_summarised, tandem_members_interviewed
    from tandem.tandems.services import form_tandem

    form_tandem(round=round, mentor=people["mentor"], mentee=people["mentee"])
    item = tandem_members_interviewed(round)
    assert not item.done and "0 of 2" in item.detail
    for person in (people["mentor"], people["mentee"]):
        interview = services.schedule_interview(
            round=round, by=trainer, person=person, starts_at=at(-1), duration_minutes=45
        )
        services.set_interview_status(interview=interview, by=trainer, status="held")
    assert tandem_members_interviewed(round).done
    assert not feedback_session_summarised(round).done
