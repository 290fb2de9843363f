"""Plain data for the matching engine: people, weights, rules, results, reason codes."""

from __future__ import annotations

from dataclasses import dataclass, field

# Reason codes are stable strings: the web app translates them.
MATCHED = "matched"
PINNED = "pinned"
NO_FITTING_MENTOR = "no_fitting_mentor"  # no mentor reaches the minimum fit at all
RULE_SAME_INSTITUTION = "rule_same_institution"  # fitting mentors, all at the same institution
RULE_LANGUAGE = "rule_language"  # fitting mentors, none with a shared language
EXCLUDED = "excluded"  # fitting mentors, but the pairs are excluded by the coordinator
CAPACITY = "capacity"  # fitting mentors, but their places went to applicants with more fit
PLACES_CAP = "places_cap"  # the programme's cap on the number of tandems was reached
NOT_SELECTED = "not_selected"  # (fair/stable modes) left out by the mode's objective
NEED_NOT_OFFERED = "need_not_offered"  # the applicant's central need is offered by no mentor

REASON_TEXT_EN: dict[str, str] = {
    MATCHED: "matched",
    PINNED: "pinned by the coordinator",
    NO_FITTING_MENTOR: "no mentor reaches the minimum fit",
    RULE_SAME_INSTITUTION: "the fitting mentors are at the applicant's own institution",
    RULE_LANGUAGE: "the fitting mentors share no language with the applicant",
    EXCLUDED: "the fitting mentors were excluded for this applicant",
    CAPACITY: "the fitting mentors' places went to applicants with a higher fit",
    PLACES_CAP: "the cap on the number of tandems was reached",
    NOT_SELECTED: "not selected by this mode's objective",
    NEED_NOT_OFFERED: "no mentor offers the applicant's central need",
}
REASON_TEXT_DE: dict[str, str] = {
    MATCHED: "vermittelt",
    PINNED: "von der Koordination festgelegt",
    NO_FITTING_MENTOR: "kein*e Mentor*in erreicht die Mindestpassung",
    RULE_SAME_INSTITUTION: "die passenden Mentor*innen sind an der eigenen Einrichtung",
    RULE_LANGUAGE: "die passenden Mentor*innen teilen keine Sprache mit der Person",
    EXCLUDED: "die passenden Paare wurden von der Koordination ausgeschlossen",
    CAPACITY: "die Plätze der passenden Mentor*innen gingen an Bewerbungen mit höherer Passung",
    PLACES_CAP: "die Höchstzahl an Tandems war erreicht",
    NOT_SELECTED: "in diesem Modus nicht ausgewählt",
    NEED_NOT_OFFERED: "kein*e Mentor*in bietet den zentralen Bedarf der Bewerbung an",
}

# Details of a reason are data: a code and parameters ("mentor" is an engine id, "fit" and
# "minimum" are scores in [0, 1], "need" is the applicant's own words). The command line
# renders them with these templates; the web app has its own translated ones.
DETAIL_TEXT_EN: dict[str, str] = {
    "best_allowed": "best mentor within the rules: {mentor} ({fit:.2f})",
    "below_minimum": "highest fit {fit:.2f} with {mentor} is below the minimum {minimum:.2f}",
    "best_fit": "best fit {fit:.2f} with {mentor}",
    "no_mentors": "no mentors",
    "need": "no mentor offers \u201c{need}\u201d",
}
DETAIL_TEXT_DE: dict[str, str] = {
    "best_allowed": "beste*r Mentor*in im Rahmen der Regeln: {mentor} ({fit:.2f})",
    "below_minimum": "höchste Passung {fit:.2f} mit {mentor} liegt unter dem Minimum {minimum:.2f}",
    "best_fit": "beste Passung {fit:.2f} mit {mentor}",
    "no_mentors": "keine Mentor*innen",
    "need": "niemand bietet \u201e{need}\u201c an",
}


def render_detail(params: dict, lang: str = "en") -> str:
    """One line for a reason's parameters, in English or German (empty if none)."""
    kind = params.get("kind")
    templates = DETAIL_TEXT_DE if lang == "de" else DETAIL_TEXT_EN
    if not kind or kind not in templates:
        return ""
    return templates[kind].format(**params)


COMPONENTS: tuple[str, ...] = ("topic", "text", "context", "preference")


@dataclass(frozen=True)
class Mentor:
    id: str
    institution: str
    institution_type: str = "other"
    #: topic key -> expertise level 1..3
    topics: dict[str, int] = field(default_factory=dict)
    profile: str = ""
    languages: frozenset[str] = frozenset({"de"})
    capacity: int = 1
    name: str = ""
    email: str = ""
    institution_size: str | None = None  # small | medium | large
    #: ranked mentee ids the mentor would like (optional; not in the CSV format)
    preferred_mentees: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mentee:
    id: str
    institution: str
    institution_type: str = "other"
    #: topic keys, most important first
    topics: tuple[str, ...] = ()
    expectations: str = ""
    projects: str = ""
    languages: frozenset[str] = frozenset({"de"})
    #: ranked mentor ids
    preferred_mentors: tuple[str, ...] = ()
    #: the coordinator favours this applicant: placed whenever a fitting mentor can be kept
    #: free for them (first the number of favoured applicants placed, then total fit)
    favoured: bool = False
    name: str = ""
    email: str = ""
    institution_size: str | None = None


@dataclass(frozen=True)
class Weights:
    """Weights of the fit components; normalised to sum 1, so the total stays in [0, 1]."""

    # the text decides (ticked topics are a hint, preferences break ties): measured on a
    # development round, see docs/matching.md
    topic: float = 0.05
    text: float = 0.85
    context: float = 0.05
    preference: float = 0.05

    def normalised(self) -> dict[str, float]:
        raw = {c: float(getattr(self, c)) for c in COMPONENTS}
        if any(v < 0 for v in raw.values()):
            raise ValueError("weights must be non-negative")
        s = sum(raw.values())
        if s <= 0:
            raise ValueError("at least one weight must be positive")
        return {c: v / s for c, v in raw.items()}


@dataclass(frozen=True)
class Rules:
    min_fit: float = 0.25
    cross_institution: bool = True
    shared_language: bool = True
    #: maximum number of tandems in the round (None: only mentor capacities limit)
    places: int | None = None
    excluded: frozenset[tuple[str, str]] = frozenset()  # (mentee_id, mentor_id)
    pinned: frozenset[tuple[str, str]] = frozenset()  # (mentee_id, mentor_id), forced
    #: pairs below this score are flagged low_fit in the output (reporting only)
    low_fit: float = 0.40
    #: runner-up within this margin of the assigned score -> close call (reporting only)
    close_call_margin: float = 0.02


@dataclass(frozen=True)
class Assignment:
    mentee_id: str
    mentor_id: str
    score: float
    pinned: bool = False


@dataclass(frozen=True)
class Unmatched:
    mentee_id: str
    reason: str
    #: structured detail: {"kind": ..., and its parameters}; see DETAIL_TEXT_EN
    params: dict = field(default_factory=dict)

    @property
    def detail(self) -> str:
        return render_detail(self.params)


@dataclass
class Result:
    mode: str
    assignments: list[Assignment]
    unmatched: list[Unmatched]
    #: the solver's objective: total fit (pinned included) + favour bonus per favoured placed
    objective: float = 0.0

    favoured_placed: int = 0

    @property
    def total_fit(self) -> float:
        return float(sum(a.score for a in self.assignments))

    @property
    def lowest_fit(self) -> float | None:
        return min((a.score for a in self.assignments), default=None)

    def mentor_of(self) -> dict[str, str]:
        return {a.mentee_id: a.mentor_id for a in self.assignments}
