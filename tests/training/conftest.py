import datetime as dt

import pytest
from django.utils import timezone

from tandem.training import consultations, services


def soon(days=10, hour=10):
    return (timezone.now() + dt.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


@pytest.fixture
def trainer(people):
    return people["trainer"]


@pytest.fixture
def session(round, trainer):
    return services.create_session(
        round=round,
        by=trainer,
        title="Gesprächsführung",
        starts_at=soon(),
        duration_minutes=180,
        online_url="https://meet.example.org/schulung",
        description="Erwartungen und Techniken",
    )


@pytest.fixture
def invited(session, trainer):
    services.invite_to_session(session=session, by=trainer)
    return session


@pytest.fixture
def slot(round, trainer):
    return consultations.publish_slots(
        round=round,
        trainer=trainer,
        starts_at=soon(5),
        duration_minutes=45,
        online_url="https://meet.example.org/beratung",
    )[0]
