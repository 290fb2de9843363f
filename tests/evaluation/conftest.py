import datetime as dt

import pytest
from django.utils import timezone

from tandem.evaluation import services


def at(days=10, hour=10):
    return (timezone.now() + dt.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


@pytest.fixture
def trainer(people):
    return people["trainer"]


@pytest.fixture
def interview(round, people, trainer):
    return services.schedule_interview(
        round=round,
        by=trainer,
        person=people["mentee"],
        starts_at=at(),
        duration_minutes=45,
        online_url="https://meet.example.org/interview",
    )


@pytest.fixture
def feedback(round, trainer):
    return services.save_feedback_session(
        round=round,
        by=trainer,
        starts_at=at(12, 14),
        duration_minutes=120,
        online_url="https://meet.example.org/feedback",
    )


@pytest.fixture(autouse=True)
def _fast(fast_passwords):
    """Argon2 is slow for the many accounts these tests create."""
