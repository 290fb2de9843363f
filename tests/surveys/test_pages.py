import io

import openpyxl
import pytest

from tandem.manage.checklist import surveys_run
from tandem.portal.dashboard import surveys_waiting
from tandem.surveys import services
from tandem.surveys.models import Survey, SurveyResponse
from tests.conftest import manage_url, portal_url

from .conftest import answer, item

pytestmark = pytest.mark.django_db

STAFF = ("coordinator", "trainer")
NOT_STAFF = ("mentor", "mentee", "outsider", "foreign_coordinator")


@pytest.mark.parametrize("role", STAFF)
def test_staff_create_a_survey_from_a_template_edit_and_open_it(
    client, round, people, cohort, role
):
    client.force_login(people[role])
    assert client.get(manage_url("surveys", round)).status_code == 200
    response = client.post(manage_url("survey_new", round), {"template": "final"})
    survey = Survey.objects.get()
    assert response.status_code == 302
    page = client.get(manage_url("survey", round, survey=survey.pk)).content.decode()
    assert "trainer consultation" in page.lower() or "consultation with the trainer" in page
    fit = item(survey, "fit")
    bad = client.post(
        manage_url("survey_item", round, survey=survey.pk, item=fit.pk),
        {f"item{fit.pk}-text_de": "", f"item{fit.pk}-text_en": "x"},
    )
    assert bad.status_code == 400 and "Please word the question in German." in bad.content.decode()
    client.post(
        manage_url("survey_item", round, survey=survey.pk, item=fit.pk),
        {f"item{fit.pk}-text_de": "Passt es?", f"item{fit.pk}-text_en": "Fits?"},
    )
    fit.refresh_from_db()
    assert fit.text_de == "Passt es?"
    client.post(manage_url("survey_open", round, survey=survey.pk))
    survey.refresh_from_db()
    assert survey.state == "open" and survey.invitations.count() == 10


@pytest.mark.parametrize("role", NOT_STAFF)
def test_others_get_404_and_nothing_changes(client, round, people, final_survey, role):
    client.force_login(people[role])
    for name in ("surveys", "survey_new", "survey", "survey_open", "survey_results"):
        kwargs = {} if name in ("surveys", "survey_new") else {"survey": final_survey.pk}
        assert client.get(manage_url(name, round, **kwargs)).status_code == 404
        assert (
            client.post(manage_url(name, round, **kwargs), {"template": "final"}).status_code == 404
        )
    final_survey.refresh_from_db()
    assert final_survey.state == "draft" and Survey.objects.count() == 1


def test_staff_see_how_many_answered_never_who(client, round, people, open_final, cohort):
    answering = cohort[0][0]
    answer(open_final, answering, fit=5, suggestions="Geheimer Vorschlag")
    client.force_login(people["coordinator"])
    page = client.get(manage_url("survey", round, survey=open_final.pk)).content.decode()
    assert "1 of 10 people have answered." in page
    assert answering.name not in page and "Geheimer Vorschlag" not in page
    results = client.get(manage_url("survey_results", round, survey=open_final.pk)).content.decode()
    assert "Geheimer Vorschlag" not in results
    assert (
        client.get(manage_url("survey_results_pdf", round, survey=open_final.pk)).status_code == 404
    )


def test_participant_sees_k_answers_and_changes_the_answer(client, round, open_final, cohort):
    mentee = cohort[1][0]
    client.force_login(mentee)
    url = portal_url("survey", round, survey=open_final.pk)
    page = client.get(url).content.decode()
    assert "at least 5 people" in page
    fit = item(open_final, "fit")
    assert client.post(url, {f"item-{fit.pk}": "9"}).status_code == 400
    assert client.post(url, {f"item-{fit.pk}": "2"}).status_code == 302
    page = client.get(url).content.decode()
    assert 'value="2" checked' in page
    client.post(url, {f"item-{fit.pk}": "4"})
    assert SurveyResponse.objects.count() == 1
    assert list(SurveyResponse.objects.values_list("answers", flat=True)) == [{str(fit.pk): 4}]
    assert client.get(portal_url("surveys", round)).status_code == 200


@pytest.mark.parametrize("role", ("coordinator", "trainer", "outsider", "foreign_coordinator"))
def test_who_is_not_asked_gets_404_on_the_answer_page(client, round, people, open_final, role):
    client.force_login(people[role])
    url = portal_url("survey", round, survey=open_final.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404
    assert client.get(portal_url("surveys", round)).status_code == 404
    assert not SurveyResponse.objects.exists()


def test_draft_survey_is_not_reachable_for_participants(client, round, final_survey, people):
    client.force_login(people["mentee"])
    assert client.get(portal_url("survey", round, survey=final_survey.pk)).status_code == 404


def _close_with(survey, people, cohort, mentors=5, mentees=5):
    for person in cohort[0][:mentors]:
        answer(survey, person, fit=5, suggestions="Mehr Austausch")
    for person in cohort[1][:mentees]:
        answer(survey, person, fit=2)
    services.close_survey(survey=survey, by=people["coordinator"])


def test_results_are_published_on_close_with_pdf_and_xlsx(
    client, round, people, open_final, cohort
):
    _close_with(open_final, people, cohort, mentors=5, mentees=4)
    client.force_login(people["trainer"])
    page = client.get(manage_url("survey_results", round, survey=open_final.pk)).content.decode()
    assert "All who answered (n = 9)" in page
    # 5 mentors beside 9 in all would reveal the 4 mentees: no split shown.
    assert "Mentors (n = 5)" not in page and "Mentees" not in page
    assert "Mehr Austausch" in page  # 5 wrote it: at least k
    pdf = client.get(manage_url("survey_results_pdf", round, survey=open_final.pk))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(manage_url("survey_results_xlsx", round, survey=open_final.pk))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    groups = {row[1] for row in sheet.iter_rows(min_row=6, values_only=True)}
    assert "Mentors" not in groups and "All who answered" in groups
    # Participants see the same results once the survey is closed.
    client.force_login(cohort[1][0])
    mine = client.get(portal_url("survey", round, survey=open_final.pk)).content.decode()
    assert "All who answered (n = 9)" in mine


def test_dashboard_and_checklist(round, people, open_final, cohort):
    mentee = cohort[1][0]
    assert surveys_waiting([round], mentee)[round.pk]
    answer(open_final, mentee, fit=3)
    assert surveys_waiting([round], mentee) == {}
    assert surveys_waiting([round], people["outsider"]) == {}
    item_ = surveys_run(round)
    assert not item_.done and "1 of 10" in item_.detail
    services.close_survey(survey=open_final, by=people["coordinator"])
    assert surveys_run(round).done


def test_results_for_round_hold_closed_surveys_only(round, people, open_final, cohort):
    from tandem.surveys.results import results_for_round

    assert results_for_round(round) == []
    _close_with(open_final, people, cohort)
    [result] = results_for_round(round, "en")
    fit = next(q for q in result.questions if q.key == "fit")
    assert [a.group for a in fit.aggregates] == ["all", "mentor", "mentee"]
    assert fit.aggregates[0].top_two == 0.5 and fit.aggregates[1].top_two == 1.0


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_list_pages_take_as_many_queries_for_one_survey_as_for_many(client, round, people, cohort):
    coordinator, mentee = people["coordinator"], cohort[1][0]
    first = services.create_survey(round=round, template_key="final", by=coordinator)
    services.open_survey(survey=first, by=coordinator)
    client.force_login(coordinator)
    staff_one = _queries(client, manage_url("surveys", round))
    client.force_login(mentee)
    mine_one = _queries(client, portal_url("surveys", round))
    for _ in range(3):
        survey = services.create_survey(round=round, template_key="midterm", by=coordinator)
        services.open_survey(survey=survey, by=coordinator)
    assert _queries(client, portal_url("surveys", round)) == mine_one
    client.force_login(coordinator)
    assert _queries(client, manage_url("surveys", round)) == staff_one


def test_results_count_the_answers_kept_after_who_was_asked_is_gone(
    round, people, open_final, cohort
):
    from tandem.surveys.models import SurveyInvitation
    from tandem.surveys.results import survey_results

    _close_with(open_final, people, cohort)
    SurveyInvitation.objects.all().delete()  # as retention does
    open_final.refresh_from_db()
    results = survey_results(open_final, "en")
    assert (results.respondents, results.invited) == (10, 10)
