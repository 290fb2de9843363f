"""An answer cannot be tied back to a person through the database (answers.py)."""

import pytest
from django.db import connection
from django.test import override_settings

from tandem.surveys import answers as answer_store
from tandem.surveys import services
from tandem.surveys.models import SurveyInvitation, SurveyResponse

from .conftest import answer

pytestmark = pytest.mark.django_db


def test_a_response_has_no_column_that_could_name_or_date_a_person():
    columns = {field.name: field for field in SurveyResponse._meta.concrete_fields}
    assert set(columns) == {"id", "survey", "group", "answers", "edit_key"}
    assert not [
        f for f in columns.values() if f.get_internal_type() in ("DateTimeField", "DateField")
    ]
    assert columns["survey"].related_model.__name__ == "Survey"
    # And nothing points from the invitation to a response either.
    assert not [
        f
        for f in SurveyInvitation._meta.concrete_fields
        if getattr(f, "related_model", None) is SurveyResponse
    ]


X = {"fit": 5, "support": "Mehr Austausch"}
Y = {"fit": 2, "support": "Weniger Termine"}


def _world(round, coordinator, first, second, cohort):
    survey = services.create_survey(round=round, template_key="midterm", by=coordinator)
    services.open_survey(survey=survey, by=coordinator)
    answer(survey, cohort[0], **first)
    answer(survey, cohort[1], **second)
    for person in cohort[2:]:
        answer(survey, person, fit=3)
    return survey


def _contents(survey):
    """All the database holds about the survey's answers and who answered, without the
    random ids and the keyed hashes."""
    keys = {str(pk): key for pk, key in survey.items.values_list("pk", "key")}
    responses = sorted(
        (group, sorted((keys[ref], str(value)) for ref, value in answers.items()))
        for group, answers in SurveyResponse.objects.filter(survey=survey).values_list(
            "group", "answers"
        )
    )
    invitations = sorted(
        SurveyInvitation.objects.filter(survey=survey).values_list("person_id", "group", "answered")
    )
    return responses, invitations


def test_swapping_two_peoples_answers_leaves_the_database_the_same(round, people, cohort):
    """World one: a answers X, b answers Y. World two: a answers Y, b answers X, in the
    same order. Everything the database holds (apart from random ids and keyed hashes,
    which are erased at close) is the same in both, so it cannot tell who said what."""
    mentors = cohort[0]
    coordinator = people["coordinator"]
    one = _world(round, coordinator, X, Y, mentors)
    two = _world(round, coordinator, Y, X, mentors)
    assert _contents(one) == _contents(two)
    for survey in (one, two):
        services.close_survey(survey=survey, by=coordinator)
    assert _contents(one) == _contents(two)
    assert not SurveyResponse.objects.exclude(edit_key=None).exists()


def test_no_value_of_a_response_names_the_person(round, people, cohort):
    coordinator = people["coordinator"]
    survey = services.create_survey(round=round, template_key="midterm", by=coordinator)
    services.open_survey(survey=survey, by=coordinator)
    person = cohort[1][0]
    answer(survey, person, fit=4)
    invitation = SurveyInvitation.objects.get(survey=survey, person=person)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM surveys_surveyresponse")
        row = cursor.fetchone()
    text = " ".join(str(value) for value in row)
    for clue in (person.email, person.name, str(invitation.pk) + ",", f"'{person.pk}'"):
        assert clue not in text
    # The stored key is keyed with the server's secret: from the database alone (or with
    # a wrong secret) it cannot be recomputed for a person.
    with override_settings(SECRET_KEY="another-secret-" + "x" * 40):
        assert answer_store.edit_key(survey, person) != row[-1]
    assert answer_store.edit_key(survey, person) in text


def test_rows_are_not_kept_in_the_order_people_answered(round, people, cohort):
    coordinator = people["coordinator"]
    survey = services.create_survey(round=round, template_key="midterm", by=coordinator)
    services.open_survey(survey=survey, by=coordinator)
    everyone = [*cohort[0], *cohort[1]]
    order = []
    for position, person in enumerate(everyone):
        answer(survey, person, support=f"Antwort {position:02d}")
        order.append(f"Antwort {position:02d}")
    support = str(survey.items.get(key="support").pk)
    stored = [
        a[support]
        for a in SurveyResponse.objects.filter(survey=survey)
        .values_list("answers", flat=True)
        .order_by()
    ]
    # Ten answers in the order given has a chance of 1 in 3,628,800 after the shuffle.
    assert sorted(stored) == order and stored != order
