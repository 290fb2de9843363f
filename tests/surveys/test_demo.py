import pytest

from tandem.demo import stages
from tandem.surveys.models import Survey
from tandem.surveys.results import survey_results

pytestmark = pytest.mark.django_db


def test_demo_evaluation_stage_has_a_closed_and_an_open_survey(fast_passwords):
    stages.build("evaluation")
    final = Survey.objects.get(kind="final")
    assert final.round.current_phase == "evaluation"
    assert final.state == "closed" and Survey.objects.get(kind="midterm").state == "open"
    results = survey_results(final, "en")
    by_key = {question.key: question for question in results.questions}
    assert by_key["fit"].shown and len(by_key["fit"].aggregates) == 3  # all, mentors, mentees
    assert not by_key["consultation_why_not"].shown  # two wrote: fewer than k
    assert by_key["suggestions"].shown and len(by_key["suggestions"].texts) >= 5
    assert (
        by_key["institution_benefit"].shown and len(by_key["institution_benefit"].aggregates) == 2
    )
    stages.build("evaluation")  # idempotent
    assert Survey.objects.count() == 2
