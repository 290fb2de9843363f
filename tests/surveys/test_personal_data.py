import datetime as dt
import json

import pytest
from django.apps import apps
from django.utils import timezone

from tandem.privacy.registry import declarations, declared_models, exempt_models
from tandem.surveys import personal_data, services
from tandem.surveys.models import SurveyInvitation, SurveyResponse

from .conftest import answer

pytestmark = pytest.mark.django_db


def test_every_survey_model_is_declared_with_its_functions():
    models = {m._meta.label_lower for m in apps.get_app_config("surveys").get_models()}
    assert models <= declared_models() | exempt_models()
    declaration = next(d for d in declarations() if d.app_label == "surveys")
    assert declaration.export and declaration.erase and declaration.apply_retention


def test_export_holds_ones_own_answer_while_open_and_none_once_closed(open_final, cohort, people):
    mentor, other = cohort[0][0], cohort[0][1]
    answer(open_final, mentor, suggestions="Mein Vorschlag")
    answer(open_final, other, suggestions="Fremder Vorschlag")
    exported = json.dumps(personal_data.export(mentor), ensure_ascii=False)
    assert "Mein Vorschlag" in exported and "Fremder Vorschlag" not in exported
    services.close_survey(survey=open_final, by=people["coordinator"])
    exported = json.dumps(personal_data.export(mentor), ensure_ascii=False)
    assert "Mein Vorschlag" not in exported and "anonymous" in exported


def test_erase_removes_the_invitation_and_the_answer_of_an_open_survey(open_final, cohort):
    mentor, other = cohort[0][0], cohort[0][1]
    answer(open_final, mentor, fit=2)
    answer(open_final, other, fit=5)
    personal_data.erase(mentor)
    assert not SurveyInvitation.objects.filter(person=mentor).exists()
    assert [r.answers for r in SurveyResponse.objects.all()] == [
        {str(open_final.items.get(key="fit").pk): 5}
    ]


def test_retention_deletes_who_was_asked_and_keeps_the_anonymous_answers(
    round, open_final, cohort, people, settings
):
    answer(open_final, cohort[0][0], fit=2)
    services.close_survey(survey=open_final, by=people["coordinator"])
    assert personal_data.apply_retention(timezone.now()) == 0
    last = max(phase.ends_on for phase in round.phases.all())
    later = (
        timezone.now()
        + (last - timezone.localdate())
        + dt.timedelta(days=31 * (settings.TANDEM_RETENTION_MONTHS + 1))
    )
    assert personal_data.apply_retention(later) == 10
    assert not SurveyInvitation.objects.exists()
    assert SurveyResponse.objects.count() == 1


def test_free_text_answers_go_on_their_own_months_and_the_scales_stay(
    round, open_final, cohort, people, settings
):
    """Retention kind ``survey_free_texts``: the texts go N months after the round ends,
    the anonymous scale answers (the round's figures) stay."""
    import time_machine

    from tandem.privacy.retention import apply_retention
    from tandem.surveys.results import survey_results
    from tests.privacy.conftest import end_round_on

    mentors, mentees = cohort
    for n, person in enumerate([*mentors, *mentees]):
        answer(open_final, person, fit=1 + n % 5, suggestions=f"Vorschlag Nummer {n}")
    closed = services.close_survey(survey=open_final, by=people["coordinator"])
    before = survey_results(closed, "en")
    fit = next(q for q in before.questions if q.key == "fit")
    suggestions = next(q for q in before.questions if q.key == "suggestions")
    assert suggestions.shown and len(suggestions.texts) == 10

    end_round_on(round, dt.date(2027, 3, 31))
    settings.TANDEM_RETENTION_MONTHS = 24
    settings.TANDEM_RETENTION_BY_KIND = {"survey_free_texts": 2}
    with time_machine.travel(dt.datetime(2027, 5, 30, 12, tzinfo=dt.UTC)):
        assert apply_retention() == []
    with time_machine.travel(dt.datetime(2027, 6, 2, 12, tzinfo=dt.UTC)):
        [result] = apply_retention()
        assert apply_retention() == []  # nothing left to remove, nothing logged
    assert result.counts == {"survey_free_texts_removed": 10}

    stored = json.dumps(list(SurveyResponse.objects.values_list("answers", flat=True)))
    assert "Vorschlag" not in stored
    after = survey_results(closed, "en")
    assert SurveyResponse.objects.count() == 10
    assert next(q for q in after.questions if q.key == "fit").aggregates == fit.aggregates
    assert not next(q for q in after.questions if q.key == "suggestions").texts
