"""Interview and feedback session mails carry their calendar file: the participant's and
the interviewer's own view, in the recipient's language, never any notes."""

import icalendar
import pytest
from django.core import mail

from tandem.evaluation import interview_slots, services
from tandem.evaluation.guide import KEYS
from tandem.mail.models import QueuedMail

from .conftest import at

pytestmark = pytest.mark.django_db

NOTE = "Vertraulich: wünscht sich mehr Austausch mit der Koordination"


def _event(mail_row):
    calendar = icalendar.Calendar.from_ical(mail_row.calendar)
    (event,) = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), event


def test_a_booked_interview_reaches_both_calendars_and_its_cancellation_too(
    round, people, trainer, django_capture_on_commit_callbacks
):
    mentor = people["mentor"]
    mentor.language = "de"
    mentor.save(update_fields=["language"])
    slot = interview_slots.publish_interview_slot(
        round=round, by=trainer, starts_at=at(8), duration_minutes=45, place="Raum 4"
    )
    with django_capture_on_commit_callbacks(execute=True):
        interview = interview_slots.book_interview_slot(slot_id=slot.pk, round=round, person=mentor)
    services.save_interview_notes(interview=interview, by=trainer, notes={KEYS[0]: NOTE})
    told = QueuedMail.objects.get(template_key="evaluation_interview_planned")
    booked = QueuedMail.objects.get(template_key="evaluation_interview_booked")
    method, event = _event(told)
    assert method == "PUBLISH" and str(event["UID"]) == str(interview.uid)
    # the participant's file in German, without their own name; the interviewer's names them
    assert str(event["SUMMARY"]) == f"Auswertungsgespräch ({round.name})"
    assert str(event["LOCATION"]) == "Raum 4" and event.decoded("DTSTART") == slot.starts_at
    _method, staff_event = _event(booked)
    assert mentor.get_full_name() in str(staff_event["SUMMARY"])
    assert str(staff_event["UID"]) == str(interview.uid)
    # both were sent with the file attached
    attached = {message.to[0]: message.attachments for message in mail.outbox}
    assert attached[mentor.email] == [("invite.ics", told.calendar, "text/calendar")]
    assert attached[trainer.email] == [("invite.ics", booked.calendar, "text/calendar")]

    interview_slots.cancel_booked_interview(round=round, person=mentor)
    for key in ("evaluation_interview_cancelled", "evaluation_interview_booking_cancelled"):
        method, cancelled = _event(QueuedMail.objects.get(template_key=key))
        assert method == "CANCEL" and str(cancelled["STATUS"]) == "CANCELLED"
        assert str(cancelled["UID"]) == str(interview.uid)
        assert int(cancelled["SEQUENCE"]) > int(event["SEQUENCE"])
    assert not QueuedMail.objects.filter(calendar__contains="Vertraulich").exists()


def test_feedback_invitations_carry_the_session_file(round, people, trainer, feedback):
    services.invite_to_feedback(session=feedback, by=trainer)
    invitations = QueuedMail.objects.filter(template_key="feedback_session_invitation")
    assert invitations.count() >= 2
    for invitation in invitations:
        method, event = _event(invitation)
        assert method == "PUBLISH" and str(event["UID"]) == str(feedback.uid)
        assert str(event["LOCATION"]) == "https://meet.example.org/feedback"
