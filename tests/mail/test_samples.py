"""The sample values a text is checked with have the types the real senders use."""

import datetime as dt

import pytest
from django.utils import timezone

from tandem.mail import services
from tandem.mail.defaults import DEFAULT_TEMPLATES
from tandem.mail.previews import sample_values
from tandem.mail.texts import placeholders_for
from tandem.programmes.enums import RoleKind
from tandem.programmes.services import assign_role
from tandem.recruitment.services import add_candidate, invite_candidates
from tandem.tandems.models import Tandem
from tandem.tandems.polls import create_poll
from tandem.tandems.services import plan_meeting
from tests.conftest import verified
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_placeholder_of_every_purpose_has_a_typed_sample():
    samples = sample_values("de")
    for key in DEFAULT_TEMPLATES:
        missing = [
            name
            for name in placeholders_for(key)
            if name not in samples and not name.endswith("url")
        ]
        assert not missing, f"add samples for {missing} (purpose {key}) to previews.py"


def test_samples_have_the_types_of_the_contexts_the_senders_build(round, coordinator, monkeypatch):
    contexts = []
    real = services.render_text

    def spy(subject, body, language, context):
        contexts.append(context)
        return real(subject, body, language, context)

    monkeypatch.setattr(services, "render_text", spy)
    tandem = Tandem.objects.create(
        round=round, mentor=verified(UserFactory()), mentee=verified(UserFactory())
    )
    starts = timezone.now() + dt.timedelta(days=4)
    plan_meeting(tandem=tandem, by=tandem.mentee, starts_at=starts, duration_minutes=60)
    create_poll(
        tandem=tandem,
        by=tandem.mentor,
        duration_minutes=60,
        options=[starts + dt.timedelta(days=1), starts + dt.timedelta(days=2)],
    )
    assign_role(round=round, person=UserFactory(), role=RoleKind.TRAINER, by=coordinator)
    candidate = add_candidate(round=round, name="Eva", email="eva@example.org", by=coordinator)
    invite_candidates(round=round, candidates=[candidate], by=coordinator)
    samples = sample_values("de")
    checked = set()
    for context in contexts:
        for name, value in context.items():
            if name in samples:
                assert type(value) is type(samples[name]), name
                checked.add(name)
    assert {"minutes", "count", "months", "when", "name"} <= checked
