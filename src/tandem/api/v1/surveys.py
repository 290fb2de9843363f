"""Surveys of a round and their results: aggregates only, by the one aggregation function.

The results are ``tandem.surveys.results.survey_results`` — what the results page, the
PDF and the XLSX show — and nothing else: a question answered by fewer than k people has
``shown: false`` and no aggregates; a group is split off only where the small-group rule
allows; free texts appear only where the page shows them (k or more, in random order,
never by group). Only closed surveys have results; an open or draft one answers 404 there.
Who answered is never part of the API (the page shows only how many).
"""

import datetime as dt
from typing import Literal

from django.utils import translation
from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from tandem.surveys.enums import ItemKind, SurveyKind, SurveyState
from tandem.surveys.results import survey_results
from tandem.surveys.selectors import survey_of_round, surveys_of_round

from .errors import READ_ERRORS, not_found
from .scope import Id, Pagination, Query, person_of, round_for

router = Router(tags=["surveys"])

PERMISSION = "surveys.manage_surveys"


class SurveyOut(Schema):
    id: int
    kind: SurveyKind
    state: SurveyState
    title_de: str
    title_en: str
    k: int = Field(description="results are shown only where at least k people answered")
    opened_at: dt.datetime | None
    closes_on: dt.date | None = Field(description="answers are taken until the end of this day")
    closed_at: dt.datetime | None
    reminder_days: list[int] = Field(description="automatic reminders, days before closes_on")
    questions: int
    invited: int
    answered: int = Field(description="how many answered — never who")
    results_published: bool

    @staticmethod
    def resolve_questions(obj) -> int:
        return obj.item_count

    @staticmethod
    def resolve_answered(obj) -> int:
        return obj.answered_count

    @staticmethod
    def resolve_results_published(obj) -> bool:
        return obj.state == SurveyState.CLOSED

    @staticmethod
    def resolve_reminder_days(obj) -> list[int]:
        return [day for day in obj.reminder_days or [] if isinstance(day, int)]


class CountOut(Schema):
    key: str
    label: str
    count: int


class AggregateOut(Schema):
    group: str = Field(description='"all", "mentor" or "mentee"')
    label: str
    n: int
    counts: list[CountOut]
    top_two: float | None = Field(None, description="scale items: share answering 4 or 5")


class QuestionOut(Schema):
    key: str
    kind: ItemKind
    text: str
    n: int = Field(description="how many answered this question")
    shown: bool = Field(description="false: fewer than k answered, nothing is shown")
    note: str
    aggregates: list[AggregateOut]
    texts: list[str] = Field(description="free texts, only where at least k answered")


class ResultsOut(Schema):
    survey_id: int
    title: str
    kind: SurveyKind
    k: int
    invited: int
    respondents: int
    language: Literal["de", "en"]
    questions: list[QuestionOut]


class ResultsQuery(Schema):
    language: Literal["de", "en"] | None = Field(
        None, description="the language of questions and labels; default: the person's"
    )


@router.get(
    "/rounds/{round_id}/surveys",
    response={200: list[SurveyOut], **READ_ERRORS},
    summary="Surveys of a round (coordinators and trainers)",
)
@paginate(Pagination)
def list_surveys(request, round_id: Id):
    """Each survey with its state, dates and how many answered (never who)."""
    return surveys_of_round(round_for(request, round_id, PERMISSION)).order_by("created_at", "pk")


def _language(request, language: str | None) -> str:
    chosen = language or getattr(person_of(request), "language", "") or "de"
    return "de" if chosen.startswith("de") else "en"


@router.get(
    "/rounds/{round_id}/surveys/{survey_id}/results",
    response={200: ResultsOut, **READ_ERRORS},
    summary="The results of a closed survey (coordinators and trainers)",
)
def get_survey_results(request, round_id: Id, survey_id: Id, params: Query[ResultsQuery]):
    """What the results page shows, in German or English (default: the token's person's
    language); 404 until the survey is closed."""
    survey = survey_of_round(round_for(request, round_id, PERMISSION), survey_id)
    if survey is None or survey.state != SurveyState.CLOSED:
        raise not_found()
    language = _language(request, params.language)
    with translation.override(language):
        results = survey_results(survey, language)
    return {
        "survey_id": results.survey_id,
        "title": results.title,
        "kind": results.kind,
        "k": results.k,
        "invited": results.invited,
        "respondents": results.respondents,
        "language": language,
        "questions": [
            {
                "key": question.key,
                "kind": question.kind,
                "text": question.text,
                "n": question.n,
                "shown": question.shown,
                "note": question.note,
                "aggregates": [
                    {
                        "group": aggregate.group,
                        "label": aggregate.label,
                        "n": aggregate.n,
                        "counts": [
                            {"key": key, "label": label, "count": count}
                            for key, label, count in aggregate.counts
                        ],
                        "top_two": aggregate.top_two,
                    }
                    for aggregate in question.aggregates
                ],
                "texts": question.texts,
            }
            for question in results.questions
        ],
    }
