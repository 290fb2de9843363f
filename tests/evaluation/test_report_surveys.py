"""The round report shows closed surveys' results through the surveys' own small-group rule."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from tandem.evaluation.report import round_report
from tandem.programmes.enums import RoleKind
from tandem.surveys import services as surveys
from tests.surveys.conftest import add_participants, answer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(fast_passwords):
    pass


@pytest.fixture
def closed_survey(round, people):
    coordinator = people["coordinator"]
    survey = surveys.create_survey(round=round, template_key="final", by=coordinator)
    surveys.update_survey(
        survey=survey,
        by=coordinator,
        title_de="Abschluss",
        title_en="",
        intro_de="",
        intro_en="",
        k=3,
    )
    add_participants(round, RoleKind.MENTEE, 2)
    surveys.open_survey(survey=survey, by=coordinator)
    mentees = [role.person for role in round.roles.filter(role=RoleKind.MENTEE)]
    for person, fit in zip(mentees, (5, 4, 2), strict=True):
        # The consultation question gets a single answer: too few to show.
        extra = {"suggestions": "Mehr Austausch"} if fit == 5 else {}
        answer(survey, person, fit=fit, **extra)
    surveys.close_survey(survey=survey, by=coordinator)
    return survey


def test_the_report_carries_the_closed_surveys_results(round, people, closed_survey):
    report = round_report(round, people["coordinator"])
    [results] = report.survey_results
    fit = next(q for q in results.questions if q.key == "fit")
    [everyone] = [a for a in fit.aggregates if a.group == "all"]
    assert everyone.n == 3 and everyone.top_two == pytest.approx(2 / 3)
    suggestions = next(q for q in results.questions if q.key == "suggestions")
    assert not suggestions.shown  # one answer: below k


def test_page_pdf_and_xlsx_show_the_results_but_no_free_text(round, people, closed_survey, client):
    client.force_login(people["coordinator"])
    page = client.get(reverse("manage:round_report", kwargs=round.url_kwargs)).content.decode()
    assert "Abschluss" in page and "share of the top two answers" in page
    assert "67 %" in page and "Mehr Austausch" not in page
    pdf = client.get(reverse("manage:round_report_pdf", kwargs=round.url_kwargs))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Abschluss" in text and "Mehr Austausch" not in text
    book = load_workbook(
        io.BytesIO(client.get(reverse("manage:round_report_xlsx", kwargs=round.url_kwargs)).content)
    )
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    assert "Abschluss" in " ".join(cells) and "Mehr Austausch" not in " ".join(cells)
    assert "67 %" in cells


def test_an_open_survey_is_not_in_the_report(round, people):
    survey = surveys.create_survey(round=round, template_key="final", by=people["coordinator"])
    surveys.open_survey(survey=survey, by=people["coordinator"])
    assert round_report(round, people["coordinator"]).survey_results == []
