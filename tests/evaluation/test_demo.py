import pytest

from tandem.demo import stages
from tandem.evaluation.models import FeedbackSession, Interview, InterviewNote
from tandem.evaluation.report import round_report
from tandem.evaluation.selectors import lessons_learned
from tandem.manage.checklist import round_checklist

pytestmark = pytest.mark.django_db


def test_demo_evaluation_stage_has_interviews_a_held_feedback_session_and_lessons(
    fast_passwords,
):
    stages.build("evaluation")
    session = FeedbackSession.objects.get()
    round = session.round
    assert round.current_phase == "evaluation"
    assert Interview.objects.filter(round=round, status="held").count() == 3
    assert Interview.objects.filter(round=round, status="planned").exists()
    assert Interview.objects.filter(round=round, slot__isnull=False).count() == 1
    assert round.interview_slots.filter(interview=None).count() == 2
    assert InterviewNote.objects.filter(interview__round=round).count() >= 5
    invitations = list(session.invitations.all())
    assert invitations and sum(bool(i.attended) for i in invitations) == len(invitations) - 1
    assert session.summary and lessons_learned(round)
    coordinator = round.programme.organisation.coordinators.first()
    report = round_report(round, coordinator)
    assert report.meetings.held >= 3 and report.time_spent[1].meeting_minutes > 0
    checklist = {item.label: item.done for item in round_checklist(round)}
    assert checklist["Every member of a tandem was interviewed"] is True
    assert checklist["The feedback session took place and is summarised"] is True
    count = Interview.objects.filter(round=round).count()
    assert count == 4  # the tandem's two and two further mentors
    stages.build("evaluation")  # idempotent
    assert Interview.objects.filter(round=round).count() == count
