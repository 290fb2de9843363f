import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tandem.audit.models import AuditEntry
from tandem.mail.models import QueuedMail
from tandem.surveys import catalogue, services
from tandem.surveys.answers import own_response
from tandem.surveys.enums import SurveyState
from tandem.surveys.models import SurveyInvitation, SurveyResponse

from .conftest import answer, item

pytestmark = pytest.mark.django_db


def test_templates_are_data_with_both_languages_and_a_source():
    final = catalogue.template("final")
    keys = {entry["key"] for entry in final["items"]}
    # What the issue asks the final survey to cover.
    assert {
        "fit",
        "useful",
        "meeting_time",
        "preparation_time",
        "helped",
        "difficulties",
        "institution_benefit",
        "consultation_used",
        "consultation_why_not",
        "recommend",
        "become_mentor",
    } <= keys
    assert {entry["kind"] for entry in final["items"]} == {"likert", "single", "multiple", "text"}
    for template in catalogue.templates().values():
        for entry in template["items"]:
            assert entry["de"] and entry["en"] and entry["source"]
    assert "midterm" in catalogue.templates()


def test_bad_template_is_refused():
    with pytest.raises(catalogue.TemplateError):
        catalogue._check(
            {
                "key": "x",
                "title": {},
                "intro": {},
                "items": [{"key": "a", "kind": "single", "de": "a", "en": "a", "choices": []}],
            },
            "x",
        )


def test_create_edit_open_invites_everyone_once_by_mail(final_survey, people, cohort):
    coordinator = people["coordinator"]
    fit = item(final_survey, "fit")
    services.update_item(item=fit, by=coordinator, text_de="Neu?", text_en="New?", source="")
    services.add_item(
        survey=final_survey,
        by=coordinator,
        kind="single",
        text_de="Wahl",
        text_en="Choice",
        choices_text="Eins | One\nZwei | Two",
    )
    with pytest.raises(ValidationError):
        services.add_item(
            survey=final_survey,
            by=coordinator,
            kind="single",
            text_de="W",
            text_en="C",
            choices_text="nur eine",
        )
    count = services.open_survey(survey=final_survey, by=coordinator)
    assert count == 10
    assert QueuedMail.objects.filter(template_key="survey_invitation").count() == 10
    with pytest.raises(ValidationError):
        services.update_item(item=fit, by=coordinator, text_de="x", text_en="x", source="")
    with pytest.raises(ValidationError):
        services.open_survey(survey=final_survey, by=coordinator)


def test_participants_may_not_run_surveys(round, people):
    for role in ("mentor", "mentee", "outsider"):
        with pytest.raises(PermissionDenied):
            services.create_survey(round=round, template_key="final", by=people[role])
    assert services.create_survey(round=round, template_key="midterm", by=people["trainer"])


def test_one_answer_per_person_editable_until_close(open_final, cohort, people):
    mentor = cohort[0][0]
    assert answer(open_final, mentor, fit=2) is False
    assert answer(open_final, mentor, fit=5, suggestions="Mehr Zeit") is True
    assert SurveyResponse.objects.filter(survey=open_final).count() == 1
    response = own_response(open_final, mentor)
    assert response.answers == {
        str(item(open_final, "fit").pk): 5,
        str(item(open_final, "suggestions").pk): "Mehr Zeit",
    }
    assert own_response(open_final, cohort[0][1]) is None
    services.close_survey(survey=open_final, by=people["coordinator"])
    open_final.refresh_from_db()
    with pytest.raises(ValidationError):
        answer(open_final, mentor, fit=1)
    # The edit keys are gone: not even the server can find the answer again.
    assert not SurveyResponse.objects.exclude(edit_key=None).exists()


def test_bad_answers_get_a_message_on_the_question(open_final, cohort):
    mentor = cohort[0][0]
    with pytest.raises(ValidationError) as caught:
        answer(open_final, mentor, fit=7, helped=["agenda", "nonsense"])
    assert set(caught.value.message_dict) == {
        f"item-{item(open_final, 'fit').pk}",
        f"item-{item(open_final, 'helped').pk}",
    }
    with pytest.raises(ValidationError):
        services.submit_answers(survey=open_final, person=mentor, raw={})
    assert not SurveyResponse.objects.exists()


def test_someone_not_asked_cannot_answer(open_final, people):
    with pytest.raises(PermissionDenied):
        answer(open_final, people["outsider"], fit=3)
    with pytest.raises(PermissionDenied):
        answer(open_final, people["coordinator"], fit=3)


def wording(survey) -> dict:
    return {
        "title_de": survey.title_de,
        "title_en": survey.title_en,
        "intro_de": survey.intro_de,
        "intro_en": survey.intro_en,
    }


def test_k_is_frozen_at_the_first_answer_and_never_below_three(open_final, cohort, people):
    coordinator = people["coordinator"]
    with pytest.raises(ValidationError):
        services.update_survey(survey=open_final, by=coordinator, **wording(open_final), k=2)
    services.update_survey(survey=open_final, by=coordinator, **wording(open_final), k=4)
    answer(open_final, cohort[0][0], fit=3)
    open_final.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.update_survey(survey=open_final, by=coordinator, **wording(open_final), k=6)
    assert "k" in caught.value.message_dict
    open_final.refresh_from_db()
    assert open_final.k == 4


def test_reminders_go_to_everyone_asked_so_the_outbox_tells_nobody_who_answered(
    open_final, cohort, people
):
    answer(open_final, cohort[0][0], fit=3)
    count = services.send_reminders(survey=open_final, by=people["coordinator"])
    assert count == 10
    reminded = set(
        QueuedMail.objects.filter(template_key="survey_reminder").values_list("to", flat=True)
    )
    assert reminded == {person.email for group in cohort for person in group}


def test_the_audit_log_never_names_a_response(open_final, cohort):
    answer(open_final, cohort[0][0], fit=3)
    ids = {str(pk) for pk in SurveyResponse.objects.values_list("id", flat=True)}
    assert not AuditEntry.objects.filter(object_id__in=ids).exists()
    assert AuditEntry.objects.filter(action="surveys.answered").count() == 1


def test_state_moves_only_forward(final_survey, people):
    with pytest.raises(ValidationError):
        services.close_survey(survey=final_survey, by=people["coordinator"])
    assert final_survey.state == SurveyState.DRAFT
    assert not SurveyInvitation.objects.exists()
