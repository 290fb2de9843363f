"""A survey's title and introduction in German and English: the reader's language picks
one, and the other stands in where one is empty (pages, exports, mails)."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from pypdf import PdfReader

from tandem.mail.models import QueuedMail
from tandem.surveys import exports, services
from tandem.surveys.results import survey_results
from tests.conftest import manage_url, portal_url

pytestmark = pytest.mark.django_db


def set_wording(survey, by, **wording):
    fields = {"title_de": "", "title_en": "", "intro_de": "", "intro_en": "", **wording}
    return services.update_survey(survey=survey, by=by, k=survey.k, **fields)


def test_a_new_survey_has_the_templates_wording_in_both_languages(final_survey):
    assert (final_survey.title_de, final_survey.title_en) == ("Abschlussbefragung", "Final survey")
    assert final_survey.intro_de.startswith("Wie war Ihr Mentoring?")
    assert final_survey.intro_en.startswith("How was your mentoring?")
    assert final_survey.title_in("de") == "Abschlussbefragung"
    assert final_survey.title_in("en") == "Final survey"


def test_one_language_is_enough_and_stands_in_for_the_other(final_survey, people):
    survey = set_wording(final_survey, people["coordinator"], title_de="Nur Deutsch")
    assert survey.title_in("en") == "Nur Deutsch" and survey.intro_in("en") == ""
    with pytest.raises(ValidationError) as caught:
        set_wording(final_survey, people["coordinator"])
    assert "title_de" in caught.value.message_dict


def test_pages_show_the_readers_language(client, round, people, final_survey, cohort):
    coordinator, mentee = people["coordinator"], people["mentee"]
    set_wording(
        final_survey,
        coordinator,
        title_de="Wie war es?",
        title_en="How was it?",
        intro_de="Bitte antworten Sie.",
    )
    services.open_survey(survey=final_survey, by=coordinator)
    url = portal_url("survey", round, survey=final_survey.pk)
    for language, title in (("de", "Wie war es?"), ("en", "How was it?")):
        mentee.language = language
        mentee.save(update_fields=["language"])
        client.force_login(mentee)
        page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).text
        assert f'<h1 class="h2">{title}</h1>' in page
        assert "Bitte antworten Sie." in page  # no English introduction: the German stands in
        overview = client.get(portal_url("surveys", round), HTTP_ACCEPT_LANGUAGE=language).text
        assert title in overview
    client.force_login(coordinator)
    page = client.get(manage_url("survey", round, survey=final_survey.pk)).text
    assert 'name="title_de"' in page and 'name="title_en"' in page and "How was it?" in page


def test_mails_are_in_each_recipients_language(round, people, final_survey, cohort):
    coordinator = people["coordinator"]
    people["mentee"].language = "de"
    people["mentee"].save(update_fields=["language"])
    people["mentor"].language = "en"
    people["mentor"].save(update_fields=["language"])
    set_wording(final_survey, coordinator, title_de="Rückblick", title_en="Looking back")
    services.open_survey(survey=final_survey, by=coordinator)
    german = QueuedMail.objects.get(template_key="survey_invitation", to=people["mentee"].email)
    english = QueuedMail.objects.get(template_key="survey_invitation", to=people["mentor"].email)
    assert "Rückblick" in german.subject and "Looking back" not in german.body
    assert "Looking back" in english.subject and "Rückblick" not in english.body


def test_the_exports_carry_the_title_in_the_readers_language(final_survey, people, cohort):
    coordinator = people["coordinator"]
    set_wording(final_survey, coordinator, title_de="Rückblick", title_en="Looking back")
    services.open_survey(survey=final_survey, by=coordinator)
    services.close_survey(survey=final_survey, by=coordinator)
    final_survey.refresh_from_db()
    for language, title in (("de", "Rückblick"), ("en", "Looking back")):
        results = survey_results(final_survey, language)
        book = openpyxl.load_workbook(io.BytesIO(exports.results_xlsx(results)))
        assert book.active["A1"].value == title
        pdf = PdfReader(io.BytesIO(exports.results_pdf(results, language=language)))
        assert title in pdf.pages[0].extract_text()


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_existing_titles_and_introductions():
    executor = MigrationExecutor(connection)
    old = [("surveys", "0001_initial")]
    executor.migrate(old)
    state = executor.loader.project_state(old).apps
    Survey = state.get_model("surveys", "Survey")
    User = state.get_model("people", "User")
    Org = state.get_model("programmes", "Organisation")
    Programme = state.get_model("programmes", "Programme")
    Round = state.get_model("programmes", "Round")
    org = Org.objects.create(name="Verbund", slug="verbund")
    programme = Programme.objects.create(organisation=org, name="OA", slug="oa")
    programme_round = Round.objects.create(programme=programme, name="2027", slug="2027")
    english = User.objects.create(email="en@example.org", language="en")
    template = Survey.objects.create(
        round=programme_round, kind="final", title="Abschlussbefragung", intro="Eigener Text"
    )
    own = Survey.objects.create(
        round=programme_round, kind="midterm", title="Halfway", intro="", created_by=english
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    from tandem.surveys.models import Survey as Current

    template, own = Current.objects.get(pk=template.pk), Current.objects.get(pk=own.pk)
    # The template's own title: both wordings; a text of one's own: its language only.
    assert (template.title_de, template.title_en) == ("Abschlussbefragung", "Final survey")
    assert (template.intro_de, template.intro_en) == ("Eigener Text", "")
    assert (own.title_de, own.title_en) == ("", "Halfway")
    assert own.title_in("de") == "Halfway" and own.reminder_days == [7, 2]
