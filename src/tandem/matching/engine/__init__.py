"""Tandem matching engine: explainable fit scores, exact selection-and-matching.

A plain library (stdlib, numpy, scipy): the web app, the `tandem-match` command and the
benchmark share it. See docs/matching.md.
"""

from .explain import Explanation, explain
from .fit import FitMatrix, compute_fit, feasible, fit_from_scores, normalise_institution
from .model import (
    CAPACITY,
    COMPONENTS,
    EXCLUDED,
    MATCHED,
    NEED_NOT_OFFERED,
    NO_FITTING_MENTOR,
    NOT_SELECTED,
    PINNED,
    PLACES_CAP,
    RULE_LANGUAGE,
    RULE_SAME_INSTITUTION,
    Assignment,
    Mentee,
    Mentor,
    Result,
    Rules,
    Unmatched,
    Weights,
    render_detail,
)
from .solve import MODES, RuleConflict, blocking_pairs, compare_modes, solve
from .taxonomy import DEFAULT_TAXONOMY, Taxonomy, Topic

__all__ = [
    "CAPACITY",
    "COMPONENTS",
    "DEFAULT_TAXONOMY",
    "EXCLUDED",
    "MATCHED",
    "MODES",
    "NOT_SELECTED",
    "NEED_NOT_OFFERED",
    "NO_FITTING_MENTOR",
    "PINNED",
    "PLACES_CAP",
    "RULE_LANGUAGE",
    "RULE_SAME_INSTITUTION",
    "Assignment",
    "Explanation",
    "FitMatrix",
    "Mentee",
    "Mentor",
    "Result",
    "RuleConflict",
    "Rules",
    "Taxonomy",
    "Topic",
    "Unmatched",
    "Weights",
    "blocking_pairs",
    "compare_modes",
    "compute_fit",
    "explain",
    "feasible",
    "fit_from_scores",
    "normalise_institution",
    "render_detail",
    "solve",
]
