import datetime as dt

import pytest
from django.utils import timezone

from tandem.recruitment.models import MentorProfile, MentorTopic
from tandem.tandems.enums import MeetingStatus
from tandem.tandems.models import Agreement, Meeting, Tandem
from tandem.training.models import TrainingInvitation, TrainingSession
from tests.applications.factories import ApplicationFactory
from tests.conftest import verified, with_totp
from tests.factories import RoundRoleFactory, UserFactory


def held_meetings(tandem, count):
    for number in range(count):
        Meeting.objects.create(
            tandem=tandem,
            starts_at=timezone.now() - dt.timedelta(days=30 * (number + 1)),
            agenda="Geheime Agenda",
            status=MeetingStatus.HELD,
        )


@pytest.fixture
def pilot(round, people):
    """A round at its end: one tandem met three times, one never met; one training held.

    The mentee applied with two topics; the tandem agreed on a third.
    """
    topics = {topic.key: topic for topic in round.programme.topics.all()}
    mentor, mentee = people["mentor"], people["mentee"]
    ApplicationFactory(round=round, person=mentee, topics=["publication_monitoring", "diamond_oa"])
    profile = MentorProfile.objects.create(
        round=round, person=mentor, presentation="Ich leite das Monitoring.", languages=["de"]
    )
    MentorTopic.objects.create(profile=profile, topic=topics["bibliometric_analysis"], level=3)
    tandem = Tandem.objects.create(round=round, mentor=mentor, mentee=mentee)
    agreement = Agreement.objects.create(tandem=tandem, goals="Geheime Ziele")
    agreement.topics.set([topics["responsible_metrics"]])
    held_meetings(tandem, 3)
    Meeting.objects.create(
        tandem=tandem,
        starts_at=timezone.now() - dt.timedelta(days=3),
        status=MeetingStatus.CANCELLED,
    )
    quiet_mentor = verified(UserFactory(name="Quentin Quiet"))
    quiet_mentee = verified(UserFactory(name="Stella Still"))
    RoundRoleFactory(round=round, person=quiet_mentor, role="mentor")
    RoundRoleFactory(round=round, person=quiet_mentee, role="mentee")
    quiet = Tandem.objects.create(round=round, mentor=quiet_mentor, mentee=quiet_mentee)
    session = TrainingSession.objects.create(
        round=round,
        title="Mentoring-Schulung Teil 1",
        starts_at=timezone.now() - dt.timedelta(days=90),
    )
    TrainingInvitation.objects.create(session=session, person=mentor, attended=True)
    TrainingInvitation.objects.create(session=session, person=quiet_mentor, attended=False)
    return {
        "tandem": tandem,
        "quiet": quiet,
        "topics": topics,
        **people,
        "quiet_mentor": quiet_mentor,
        "quiet_mentee": quiet_mentee,
    }


@pytest.fixture
def closed(pilot, round, coordinator):
    from tandem.alumni.closing import close_round

    close_round(round=round, by=coordinator)
    round.refresh_from_db()
    return pilot


@pytest.fixture
def totp_user():
    return with_totp(verified(UserFactory()))


@pytest.fixture(autouse=True)
def _fast(fast_passwords):
    """Argon2 is slow for the many accounts these tests make."""
