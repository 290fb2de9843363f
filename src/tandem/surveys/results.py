"""The one aggregation of survey answers: the results page, the PDF, the XLSX and the
round report all read ``survey_results`` (or ``aggregate``, its pure core) and nothing else.

What may be shown (DESIGN.md §2, issue 12):

* Aggregates only, and only of a population of at least k people (k of the survey,
  frozen at the first answer, never below 3). A question answered by fewer than k shows
  nothing but that it was answered too seldom.
* Group splits (mentors, mentees) must not allow differencing. For each question the
  shown populations are "all who answered it" and some groups; from sums over these,
  sums over every *cell* of their Venn diagram can be derived (e.g. all minus mentors).
  So a group is shown only if it has at least k members, and the groups shown leave a
  rest (all minus the groups shown) of either nobody or at least k people; groups are
  dropped, smallest first, until that holds. Any two shown aggregates then differ by 0
  or at least k people.
* Free text only where at least k answered that question, in random order, never split
  by group and never with a name.
* Only closed surveys have results (answers are final then).
"""

import random
from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .catalogue import LIKERT_SCALE, TOP_TWO
from .enums import ItemKind, RespondentGroup, SurveyState

ALL = "all"


@dataclass
class Aggregate:
    group: str  # "all" or a RespondentGroup value
    label: str
    n: int
    #: (choice key, label, count) in the item's order
    counts: list[tuple[str, str, int]]
    #: Likert only: share (0…1) answering 4 or 5, and the mean
    top_two: float | None = None
    mean: float | None = None


@dataclass
class QuestionResult:
    key: str
    kind: str
    text: str
    n: int  # how many answered the question (shown: a count of people, not an answer)
    shown: bool
    aggregates: list[Aggregate] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class SurveyResults:
    survey_id: int
    title: str
    kind: str
    k: int
    invited: int
    respondents: int
    published: bool
    questions: list[QuestionResult] = field(default_factory=list)


def shown_groups(n_all: int, group_sizes: dict[str, int], k: int) -> list[str]:
    """Which groups may be shown beside "all" without any cell under k (see above)."""
    if n_all < k:
        return []
    shown = {group: size for group, size in group_sizes.items() if size >= k}
    rest = n_all - sum(shown.values())
    while shown and 0 < rest < k:
        smallest = min(shown, key=lambda group: (shown[group], group))
        rest += shown.pop(smallest)
    return [group for group in group_sizes if group in shown]


def _choices(item: dict, language: str) -> list[tuple[str, str]]:
    german = language.startswith("de")
    if item["kind"] == ItemKind.LIKERT:
        return [(str(value), f"{value} – {de if german else en}") for value, de, en in LIKERT_SCALE]
    return [(c["key"], c["de"] if german else c["en"]) for c in item["choices"]]


def _aggregate(item, values, group, label, language) -> Aggregate:
    choices = _choices(item, language)
    counts = {key: 0 for key, _label in choices}
    for value in values:
        for key in value if isinstance(value, list) else [value]:
            if str(key) in counts:
                counts[str(key)] += 1
    aggregate = Aggregate(
        group=group,
        label=label,
        n=len(values),
        counts=[(key, text, counts[key]) for key, text in choices],
    )
    if item["kind"] == ItemKind.LIKERT and values:
        aggregate.top_two = sum(1 for v in values if v in TOP_TWO) / len(values)
        aggregate.mean = sum(values) / len(values)
    return aggregate


def group_label(group: str) -> str:
    return _("All who answered") if group == ALL else str(RespondentGroup(group).label)


def aggregate(
    items: list[dict],
    responses: list[tuple[str, dict]],
    k: int,
    language: str,
    rng: random.Random | None = None,
) -> list[QuestionResult]:
    """The pure core: items as dicts (key, kind, text, choices, ref), responses as
    (group, {ref: value}); returns what may be shown, per question."""
    rng = rng or random.SystemRandom()
    results = []
    groups_in_order = [group.value for group in RespondentGroup]
    for item in items:
        answered = [
            (group, answers[item["ref"]]) for group, answers in responses if item["ref"] in answers
        ]
        n = len(answered)
        result = QuestionResult(item["key"], item["kind"], item["text"], n, shown=n >= k)
        if not result.shown:
            result.note = _("Fewer than %(k)s people answered this question: nothing is shown.") % {
                "k": k
            }
        elif item["kind"] == ItemKind.TEXT:
            texts = [value for _group, value in answered]
            rng.shuffle(texts)
            result.texts = texts
        else:
            sizes = {g: sum(1 for group, _v in answered if group == g) for g in groups_in_order}
            result.aggregates.append(
                _aggregate(item, [v for _g, v in answered], ALL, group_label(ALL), language)
            )
            shown = shown_groups(n, sizes, k)
            for group in shown:
                values = [v for g, v in answered if g == group]
                result.aggregates.append(
                    _aggregate(item, values, group, group_label(group), language)
                )
            if len(shown) < sum(1 for size in sizes.values() if size):
                result.note = _(
                    "Split by group only where every part shown has at least %(k)s answers."
                ) % {"k": k}
        results.append(result)
    return results


def survey_results(survey, language: str | None = None) -> SurveyResults:
    """The results of one survey as they may be shown (empty until it is closed)."""
    language = language or get_language() or "de"
    published = survey.state == SurveyState.CLOSED
    responses = list(survey.responses.values_list("group", "answers")) if published else []
    # The responses are the truth of the results: after an erasure or the retention of
    # who was asked, the invitations may be fewer than the anonymous answers kept.
    respondents = len(responses) if published else survey.invitations.filter(answered=True).count()
    result = SurveyResults(
        survey_id=survey.pk,
        title=survey.title_in(language),
        kind=survey.kind,
        k=survey.k,
        invited=max(survey.invitations.count(), respondents),
        respondents=respondents,
        published=published,
    )
    if published:
        items = [
            {
                "key": item.key,
                "kind": item.kind,
                "text": item.text(language),
                "choices": item.choices,
                "ref": str(item.pk),
            }
            for item in survey.items.all()
        ]
        result.questions = aggregate(items, responses, survey.k, language)
    return result


def results_for_round(round, language: str | None = None) -> list[SurveyResults]:
    """The publishable results of the round's closed surveys (for the round report).

    Each has, per question, the distribution and — for Likert items — the share of the top
    two answers, overall and per group where the k-rule allows; see the module docstring.
    """
    surveys = round.surveys.filter(state=SurveyState.CLOSED).order_by("closed_at", "pk")
    return [survey_results(survey, language) for survey in surveys]


def rows(results: SurveyResults, *, with_texts: bool = True) -> list[list]:
    """The results as table rows (question, group, n, answer, count, share) for exports;
    the round report leaves the free texts to the survey's own results."""
    table = []
    for question in results.questions:
        if not question.shown:
            table.append([question.text, "", question.n, question.note, None, None])
            continue
        for aggregate_ in question.aggregates:
            for _key, label, count in aggregate_.counts:
                share = count / aggregate_.n if aggregate_.n else 0
                table.append([question.text, aggregate_.label, aggregate_.n, label, count, share])
            if aggregate_.top_two is not None:
                table.append(
                    [
                        question.text,
                        aggregate_.label,
                        aggregate_.n,
                        _("Top two (4 or 5)"),
                        None,
                        aggregate_.top_two,
                    ]
                )
        for text in question.texts if with_texts else ():
            table.append([question.text, group_label(ALL), question.n, text, None, None])
    return table
