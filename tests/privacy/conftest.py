import datetime as dt

import pytest
from django.core.files.base import ContentFile

from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail


@pytest.fixture(autouse=True)
def _fast_passwords(fast_passwords):
    # Rate limits live in the database cache, rolled back with each test (or, with Redis,
    # under a key prefix of the test's own: tests/conftest.py), so nothing carries over.
    pass


def with_files(profile):
    """Give a mentor profile a stored photo and slides (real files under MEDIA_ROOT)."""
    profile.photo.save("portrait.png", ContentFile(b"\x89PNG fake"), save=False)
    profile.slides.save("my-talk.pdf", ContentFile(b"%PDF-1.4 slides"), save=False)
    profile.save()
    return profile


def mail_to(person, status=MailStatus.SENT, subject="Hello", round=None, **kwargs):
    return QueuedMail.objects.create(
        to=person.email,
        recipient=person,
        subject=subject,
        body=f"Dear {person.name}",
        status=status,
        round=round,
        **kwargs,
    )


def end_round_on(programme_round, day: dt.date):
    """Move every phase of the round so that the latest one ends on ``day``."""
    programme_round.phases.update(starts_on=day - dt.timedelta(days=200), ends_on=day)
    return programme_round


@pytest.fixture
def scenario(round):
    """A person with data in every app, and another person with data next to it.

    ``person`` is mentor in ``round`` (profile with files, candidate entry, info-event
    registration) and applicant in ``round_b``; ``other`` applies in ``round_b`` too and
    has the same kinds of records, each marked OTHER so that a leak is easy to see.
    """
    from types import SimpleNamespace

    from allauth.account.models import EmailAddress

    from tandem.applications.models import MentorChoice
    from tandem.audit.services import log_action
    from tandem.programmes.enums import RoleKind
    from tests.applications.factories import ApplicationFactory
    from tests.conftest import verified, with_totp
    from tests.factories import RoundFactory, RoundRoleFactory, UserFactory
    from tests.recruitment.factories import (
        CandidateFactory,
        InfoEventFactory,
        MentorProfileFactory,
    )

    person = with_totp(
        verified(
            UserFactory(name="Petra Person", email="petra@example.org", position="Fachreferentin")
        )
    )
    EmailAddress.objects.create(user=person, email="petra.private@example.net", verified=True)
    other = verified(UserFactory(name="OTHER Olaf", email="olaf@example.org"))
    mentor_b = UserFactory(name="Mara Mentor")
    round_b = RoundFactory(programme=round.programme, name="Durchlauf B")
    event = InfoEventFactory(round=round)

    profile = with_files(
        MentorProfileFactory(round=round, person=person, levels={"bibliometric_analysis": 3})
    )
    candidate = CandidateFactory(
        round=round, email="PETRA@example.org", name="Petra P.", notes="Knows ORCID well"
    )
    registration = event.registrations.create(
        name="Petra",
        email="petra.private@example.net",
        consent_text="I agree.",
        consented_at=event.starts_at,
    )
    application = ApplicationFactory(
        round=round_b,
        person=person,
        expectations="Monitoring aufbauen",
        topics=["publication_monitoring", "data_sources"],
    )
    RoundRoleFactory(round=round_b, person=person, role=RoleKind.MENTEE)
    MentorChoice.objects.create(application=application, mentor=mentor_b, rank=1)
    sent = mail_to(person, subject="Your role", round=round)
    draft = mail_to(person, status=MailStatus.DRAFT, subject="Invitation waiting")
    log_action(person, "person.profile_updated", person)

    other_application = ApplicationFactory(
        round=round_b, person=other, expectations="OTHER expectations"
    )
    other_profile = with_files(MentorProfileFactory(round=round, person=other))
    CandidateFactory(round=round, email=other.email, notes="OTHER note")
    event.registrations.create(
        name="OTHER", email=other.email, consent_text="OTHER consent", consented_at=event.starts_at
    )
    mail_to(other, subject="OTHER subject")
    log_action(other, "other.action", other)
    return SimpleNamespace(
        person=person,
        other=other,
        round=round,
        round_b=round_b,
        event=event,
        profile=profile,
        candidate=candidate,
        registration=registration,
        application=application,
        sent=sent,
        draft=draft,
        other_application=other_application,
        other_profile=other_profile,
    )
