"""The k-rule on every output: the aggregation, the XLSX and the PDF.

A property test draws random cohorts (groups, who answered which question, what) and k,
and reads back what each output shows. From the shown populations of a question, an
observer can derive sums over every cell of their Venn diagram; no cell may hold 1 … k−1
people, and every shown count must be true.
"""

import io
import re

import openpyxl
import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tandem.surveys.exports import results_pdf, results_xlsx
from tandem.surveys.results import ALL, SurveyResults, aggregate, shown_groups

ITEMS = [
    {"key": "q1", "kind": "likert", "text": "Q1 scale", "choices": [], "ref": "1"},
    {
        "key": "q2",
        "kind": "single",
        "text": "Q2 single",
        "ref": "2",
        "choices": [{"key": "a", "de": "A", "en": "A"}, {"key": "b", "de": "B", "en": "B"}],
    },
    {
        "key": "q3",
        "kind": "multiple",
        "text": "Q3 multiple",
        "ref": "3",
        "choices": [{"key": "x", "de": "X", "en": "X"}, {"key": "y", "de": "Y", "en": "Y"}],
    },
    {"key": "q4", "kind": "text", "text": "Q4 text", "choices": [], "ref": "4"},
]
LABELS = {"All who answered": ALL, "Mentors": "mentor", "Mentees": "mentee"}

answer_values = {
    "1": st.integers(1, 5),
    "2": st.sampled_from(["a", "b"]),
    "3": st.lists(st.sampled_from(["x", "y"]), min_size=1, max_size=2, unique=True),
    "4": st.sampled_from(["gut", "mehr Zeit", "ok"]),
}
respondent = st.tuples(
    st.sampled_from(["mentor", "mentee"]),
    st.fixed_dictionaries({}, optional=answer_values),
)
cohorts = st.lists(respondent, min_size=0, max_size=24)


def cells_ok(shown: list[set], k: int) -> bool:
    """Every non-empty cell of the Venn diagram of the shown populations has ≥ k people."""
    people = set().union(*shown) if shown else set()
    cells: dict[tuple, int] = {}
    for person in people:
        signature = tuple(person in population for population in shown)
        cells[signature] = cells.get(signature, 0) + 1
    return all(size >= k for size in cells.values())


def truth(cohort, ref, group):
    return {
        index
        for index, (g, answers) in enumerate(cohort)
        if ref in answers and (group == ALL or g == group)
    }


def check(cohort, k, shown_per_question, texts_per_question):
    for item in ITEMS:
        shown = shown_per_question.get(item["text"], [])
        populations = []
        for group, n in shown:
            population = truth(cohort, item["ref"], group)
            assert n == len(population), (item["text"], group)
            populations.append(population)
        assert cells_ok(populations, k), (item["text"], shown)
        texts = texts_per_question.get(item["text"], 0)
        if texts:
            assert texts == len(truth(cohort, item["ref"], ALL)) >= k


def _results(cohort, k):
    with translation.override("en"):
        questions = aggregate(ITEMS, cohort, k, "en")
    return SurveyResults(1, "Survey", "final", k, len(cohort), len(cohort), True, questions)


def from_structure(results):
    shown, texts = {}, {}
    for question in results.questions:
        shown[question.text] = [(a.group, a.n) for a in question.aggregates]
        texts[question.text] = len(question.texts)
        assert question.shown or not (question.aggregates or question.texts)
    return shown, texts


def from_xlsx(data: bytes):
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    shown, texts = {}, {}
    for question, group, n, _answer, count, share in sheet.iter_rows(min_row=6, values_only=True):
        if not group:
            continue
        if count is None and share is None:
            texts[question] = texts.get(question, 0) + 1
        elif (LABELS[group], n) not in shown.setdefault(question, []):
            shown[question].append((LABELS[group], n))
    return shown, texts


SHOWN_LINE = re.compile(r"^(All who answered|Mentors|Mentees) \(n = (\d+)\):")


def from_pdf(data: bytes):
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    shown, texts, current = {}, {}, None
    for line in text.splitlines():
        line = line.strip()
        if line in {item["text"] for item in ITEMS}:
            current = line
        elif match := SHOWN_LINE.match(line):
            pair = (LABELS[match[1]], int(match[2]))
            if pair not in shown.setdefault(current, []):
                shown[current].append(pair)
        elif line.startswith("• ") and current:
            texts[current] = texts.get(current, 0) + 1
    return shown, texts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohort=cohorts, k=st.integers(3, 7))
def test_no_shown_aggregate_isolates_fewer_than_k_people(cohort, k):
    results = _results(cohort, k)
    check(cohort, k, *from_structure(results))
    with translation.override("en"):
        check(cohort, k, *from_xlsx(results_xlsx(results)))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohort=cohorts, k=st.integers(3, 5))
def test_the_pdf_shows_no_more_than_the_aggregation(cohort, k):
    results = _results(cohort, k)
    with translation.override("en"):
        check(cohort, k, *from_pdf(results_pdf(results, language="en")))


def test_the_check_itself_catches_a_difference_of_fewer_than_k():
    # "All" of 9 beside "mentors" of 5 would reveal the 4 mentees: the check must say so.
    assert not cells_ok([set(range(9)), set(range(5))], 5)
    assert cells_ok([set(range(10)), set(range(5))], 5)


def test_groups_are_dropped_so_that_no_rest_is_under_k():
    assert shown_groups(10, {"mentor": 5, "mentee": 5}, 5) == ["mentor", "mentee"]
    assert shown_groups(9, {"mentor": 5, "mentee": 4}, 5) == []  # the pilot's worry
    assert shown_groups(4, {"mentor": 4, "mentee": 0}, 5) == []
    assert shown_groups(5, {"mentor": 5, "mentee": 0}, 5) == ["mentor"]
    assert shown_groups(13, {"mentor": 8, "mentee": 5}, 3) == ["mentor", "mentee"]


@pytest.mark.parametrize("n", [0, 1, 4])
def test_a_question_answered_by_fewer_than_k_shows_nothing(n):
    cohort = [("mentor", {"1": 5, "4": "Name im Text"})] * n
    results = _results(cohort, 5)
    assert all(not q.aggregates and not q.texts for q in results.questions)


def test_the_pdf_reader_sees_what_is_shown():
    cohort = [("mentor", {"1": 4, "4": "gut"})] * 6 + [("mentee", {"1": 2, "4": "ok"})] * 5
    shown, texts = from_pdf(results_pdf(_results(cohort, 5), language="en"))
    assert shown["Q1 scale"] == [(ALL, 11), ("mentor", 6), ("mentee", 5)]
    assert texts["Q4 text"] == 11
    assert from_xlsx(results_xlsx(_results(cohort, 5)))[0]["Q1 scale"] == shown["Q1 scale"]
