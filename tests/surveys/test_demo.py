import pytest

from tandem.demo import stages
from tandem.demo import surveys as demo_surveys
from tandem.surveys.models import Survey
from tandem.surveys.results import survey_results

pytestmark = pytest.mark.django_db


def test_demo_surveys_show_what_the_k_rule_lets_through_and_what_it_holds_back(
    round, people, cohort
):
    demo_surveys.build(round, people["coordinator"])
    final = Survey.objects.get(kind="final")
    assert final.state == "closed" and Survey.objects.get(kind="midterm").state == "open"
    by_key = {question.key: question for question in survey_results(final, "en").questions}
    assert by_key["fit"].shown and len(by_key["fit"].aggregates) == 3  # all, mentors, mentees
    assert not by_key["consultation_why_not"].shown  # two wrote: fewer than k
    assert by_key["suggestions"].shown and len(by_key["suggestions"].texts) >= 5
    demo_surveys.build(round, people["coordinator"])  # idempotent
    assert Survey.objects.count() == 2


def test_demo_evaluation_stage_builds_the_round_in_its_evaluation_phase(fast_passwords):
    # The whole demo up to the stage (as for the other stages): slow, but the only proof
    # that every earlier stage still builds with the evaluation phase's dates.
    stages.build("evaluation")
    final = Survey.objects.get(kind="final")
    assert final.round.current_phase == "evaluation"
    results = survey_results(final, "en")
    assert results.respondents >= 10
    assert [q.key for q in results.questions if not q.shown] == ["consultation_why_not"]
