import pytest

from tandem.demo import stages
from tandem.manage.checklist import mentors_trained
from tandem.training import selectors
from tandem.training.models import ConsultationBooking, TrainingSession

pytestmark = pytest.mark.django_db


def test_demo_training_stage_has_sessions_attendance_slots_and_a_booking(fast_passwords):
    logins = stages.build("training")
    assert {role for role, _email, _password in logins} >= {
        "coordinator",
        "trainer",
        "mentor",
        "mentee",
    }
    round = TrainingSession.objects.first().round
    assert round.current_phase == "training"
    assert TrainingSession.objects.count() == 2
    assert not mentors_trained(round).done  # one mentor missed the training
    assert selectors.consultation_counts(round).offered >= 5
    assert ConsultationBooking.objects.count() == 1
    stages.build("training")  # idempotent
    assert TrainingSession.objects.count() == 2
