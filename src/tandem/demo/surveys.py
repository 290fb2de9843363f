"""Demo data of surveys: a closed final survey and an open mid-term survey.

The final survey is answered by every mentor and most mentees; some questions were
answered by many, some by too few (k = 5), so the results page shows both what the
k-rule lets through and what it holds back — a split by group where both groups are large
enough, none where the rest would be too small, and free text only where at least five
wrote something. The mid-term survey is open and answered by a few; it waits on the
dashboard of the others.

Idempotent: a round that already has a survey is left alone.
"""

import random

from tandem.programmes.enums import RoleKind
from tandem.surveys import services

SUGGESTIONS = [
    "Mehr Zeit für das erste Kennenlernen einplanen.",
    "Ein gemeinsames Treffen aller Tandems zur Halbzeit wäre schön.",
    "Die Terminumfragen früher starten.",
    "Mehr Beispiele für Themen in der Vereinbarung.",
    "Kürzere, dafür häufigere Treffen ausprobieren.",
    "Die Schulung etwas früher ansetzen.",
]


def _people(round, role):
    return [
        r.person
        for r in round.roles.filter(role=role, person__is_active=True)
        .select_related("person")
        .order_by("person__email")
    ]


def _raw(survey, values: dict) -> dict:
    items = {item.key: item for item in survey.items.all()}
    raw = {}
    for key, value in values.items():
        raw[f"item-{items[key].pk}"] = (
            [str(v) for v in value] if isinstance(value, list) else [str(value)]
        )
    return raw


def _final_answers(rng, index, is_mentor) -> dict:
    values = {
        "fit": rng.choice([4, 5, 5, 3]) if is_mentor else rng.choice([3, 4, 5, 2]),
        "useful": rng.choice([4, 5, 3]),
        "meeting_time": rng.choice(["1_2h", "1_2h", "2_4h"]),
        "preparation_time": rng.choice(["under_30m", "30_60m", "1_2h"]),
        "helped": sorted(rng.sample(["agenda", "openness", "rhythm", "agreement"], 2)),
        "difficulties": ["dates", "daily_work"] if index % 2 else ["dates"],
        "recommend": rng.choice([4, 5, 5]),
    }
    # Asked of all, answered by few: fewer than k, so the results show nothing of these.
    if is_mentor:
        values["institution_benefit"] = rng.choice([4, 5, 3])
        values["become_mentor"] = "already"
    else:
        values["become_mentor"] = rng.choice(["yes", "maybe", "no"])
    values["consultation_used"] = "yes" if index % 3 == 0 else "not_needed"
    if index < 2:
        values["consultation_why_not"] = "Es lief auch so gut."
    if index < len(SUGGESTIONS):
        values["suggestions"] = SUGGESTIONS[index]
    return values


def build(programme_round, coordinator) -> None:
    if programme_round.surveys.exists():
        return
    rng = random.Random(2027)  # noqa: S311 — demo data, not a secret
    mentors = _people(programme_round, RoleKind.MENTOR)
    mentees = _people(programme_round, RoleKind.MENTEE)
    final = services.create_survey(round=programme_round, template_key="final", by=coordinator)
    services.open_survey(survey=final, by=coordinator)
    respondents = [(person, True) for person in mentors] + [(p, False) for p in mentees[:6]]
    for index, (person, is_mentor) in enumerate(respondents):
        services.submit_answers(
            survey=final, person=person, raw=_raw(final, _final_answers(rng, index, is_mentor))
        )
    services.close_survey(survey=final, by=coordinator)

    midterm = services.create_survey(round=programme_round, template_key="midterm", by=coordinator)
    services.open_survey(survey=midterm, by=coordinator)
    for person in [*mentors[:2], *mentees[:2]]:
        services.submit_answers(
            survey=midterm,
            person=person,
            raw=_raw(midterm, {"fit": rng.choice([3, 4, 5]), "meeting_count": "1_2"}),
        )
