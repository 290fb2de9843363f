"""The data migration that takes names out of stored explanations and parses old details."""

import importlib

import pytest
from django.apps import apps

from tandem.matching.engine import CAPACITY
from tandem.matching.models import MatchRun, Proposal
from tests.applications.factories import ApplicationFactory
from tests.factories import UserFactory
from tests.recruitment.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db
migration = importlib.import_module("tandem.matching.migrations.0002_explanations_hold_ids")


def test_names_become_ids_and_sentences_become_parameters(round):
    mentor = MentorProfileFactory(round=round, person=UserFactory(name="Mia Mentor"))
    runner = MentorProfileFactory(round=round, person=UserFactory(name="Rolf Runner"))
    application = ApplicationFactory(round=round)
    run = MatchRun.objects.create(
        round=round,
        number=1,
        mode="optimal",
        summary={
            "unplaced": [
                {
                    "application": application.pk,
                    "reason": CAPACITY,
                    "detail": f"best allowed mentor m{runner.pk} (0.45)",
                }
            ]
        },
    )
    proposal = Proposal.objects.create(
        run=run,
        round=round,
        application=application,
        mentor_profile=mentor,
        score=0.5,
        explanation={"runner_up": "Rolf Runner", "runner_up_score": 0.4, "close_call": True},
    )
    migration.forwards(apps, None)
    proposal.refresh_from_db()
    run.refresh_from_db()
    assert "Rolf Runner" not in str(proposal.explanation)
    assert proposal.explanation["runner_up_profile"] == runner.pk
    assert run.summary["unplaced"][0]["params"] == {
        "kind": "best_allowed",
        "mentor_profile": runner.pk,
        "fit": 0.45,
    }
    assert "detail" not in run.summary["unplaced"][0]
