"""Fit scores: one matrix per component, their weighted total, and the hard-rule mask."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .model import COMPONENTS, Mentee, Mentor, Rules, Weights
from .taxonomy import DEFAULT_TAXONOMY, Taxonomy, type_similarity
from .text import TextFeatures, TextModel, normalise, term_similarity

Progress = Callable[[str, float], None]

#: share of the concept signal in the text fit (the rest is shared terms)
CONCEPT_SHARE = 0.7
#: a term cosine of this value counts as full lexical agreement
TERM_FULL = 0.35
#: mentee rank weights: first topic 1, second 1/2, third 1/3 ...
CHUNK = 1024

_INST_REWRITE = (
    (re.compile(r"\buniversitaetsbibliothek\b"), "universitaet"),
    (re.compile(r"\bhochschulbibliothek\b"), "hochschule"),
    (re.compile(r"\buniversity\b"), "universitaet"),
    (re.compile(r"\bub\b"), "universitaet"),
    (re.compile(r"\btu\b"), "technische universitaet"),
    (re.compile(r"\bfh\b"), "fachhochschule"),
    (re.compile(r"\bhs\b"), "hochschule"),
)
_INST_DROP_WORDS = (
    "bibliothek library libraries zentralbibliothek der des die the of und and fuer for in im "
    "at zu e v ev "
)
_INST_DROP = frozenset(_INST_DROP_WORDS.split())


def normalise_institution(name: str) -> str:
    """Key under which two spellings of the same institution compare equal.

    "UB Musterstadt", "Universitätsbibliothek Musterstadt" and "University of Musterstadt"
    all become "musterstadt universitaet"; "Hochschule Musterstadt" stays different.
    """
    t = normalise(name)
    t = re.sub(r"[^a-z0-9]+", " ", t)
    for pat, rep in _INST_REWRITE:
        t = pat.sub(rep, t)
    words = sorted(w for w in t.split() if w not in _INST_DROP)
    return " ".join(words)


@dataclass
class FitMatrix:
    """Scores for every (mentee, mentor) pair plus what the solvers and explanations need.

    Rows are mentees, columns mentors, in the order given to `compute_fit`. Every component
    and the total are float32 arrays in [0, 1]. The total does not apply the hard rules;
    `feasible(fit, rules)` does.
    """

    mentee_ids: list[str]
    mentor_ids: list[str]
    components: dict[str, np.ndarray]
    weights: dict[str, float]
    total: np.ndarray
    capacity: np.ndarray  # (m,) int
    priority: np.ndarray  # (n,) float64 > 0
    mentee_institution: np.ndarray  # (n,) int codes of normalised institution names
    mentor_institution: np.ndarray  # (m,) int
    mentee_languages: np.ndarray  # (n,) int bit masks
    mentor_languages: np.ndarray  # (m,) int
    mentees: Sequence[Mentee] = ()
    mentors: Sequence[Mentor] = ()
    taxonomy: Taxonomy | None = None
    text_model: TextModel | None = None
    mentee_text: TextFeatures | None = None
    mentor_text: TextFeatures | None = None
    mentee_index: dict[str, int] = field(init=False)
    mentor_index: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.mentee_index = {k: i for i, k in enumerate(self.mentee_ids)}
        self.mentor_index = {k: j for j, k in enumerate(self.mentor_ids)}
        if len(self.mentee_index) != len(self.mentee_ids):
            raise ValueError("duplicate mentee ids")
        if len(self.mentor_index) != len(self.mentor_ids):
            raise ValueError("duplicate mentor ids")

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.mentee_ids), len(self.mentor_ids)

    def pair(self, i: int, j: int) -> dict[str, float]:
        """Component values and total of one pair."""
        out = {c: float(a[i, j]) for c, a in self.components.items()}
        out["total"] = float(self.total[i, j])
        return out


def _language_masks(
    langs_a: Sequence[frozenset[str]], langs_b: Sequence[frozenset[str]]
) -> tuple[np.ndarray, np.ndarray]:
    codes: dict[str, int] = {}
    for ls in (*langs_a, *langs_b):
        for lang in sorted(ls):
            codes.setdefault(lang, len(codes))
    if len(codes) > 62:
        raise ValueError("more than 62 distinct languages")
    everything = (1 << max(len(codes), 1)) - 1

    def mask(ls: frozenset[str]) -> int:
        # no language given: no constraint
        return sum(1 << codes[x] for x in ls) if ls else everything

    return (
        np.array([mask(x) for x in langs_a], dtype=np.int64),
        np.array([mask(x) for x in langs_b], dtype=np.int64),
    )


def _institution_codes(a: Sequence[str], b: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    codes: dict[str, int] = {}
    ca = [codes.setdefault(normalise_institution(x), len(codes)) for x in a]
    cb = [codes.setdefault(normalise_institution(x), len(codes)) for x in b]
    return np.array(ca, dtype=np.int64), np.array(cb, dtype=np.int64)


def fit_from_scores(
    total: np.ndarray,
    *,
    capacity: Sequence[int],
    mentee_institutions: Sequence[str] | None = None,
    mentor_institutions: Sequence[str] | None = None,
    mentee_languages: Sequence[frozenset[str]] | None = None,
    mentor_languages: Sequence[frozenset[str]] | None = None,
    priority: Sequence[float] | None = None,
    mentee_ids: Sequence[str] | None = None,
    mentor_ids: Sequence[str] | None = None,
) -> FitMatrix:
    """A FitMatrix from a given score matrix (for solver tests and external scores)."""
    total = np.asarray(total, dtype=np.float32)
    n, m = total.shape
    mentee_ids = list(mentee_ids or [f"e{i}" for i in range(n)])
    mentor_ids = list(mentor_ids or [f"r{j}" for j in range(m)])
    inst_a, inst_b = _institution_codes(
        mentee_institutions or [f"mentee institution {i}" for i in range(n)],
        mentor_institutions or [f"mentor institution {j}" for j in range(m)],
    )
    lang_a, lang_b = _language_masks(
        mentee_languages or [frozenset()] * n, mentor_languages or [frozenset()] * m
    )
    return FitMatrix(
        mentee_ids=mentee_ids,
        mentor_ids=mentor_ids,
        components={"total": total},
        weights={"total": 1.0},
        total=total,
        capacity=np.asarray(capacity, dtype=np.int64),
        priority=np.asarray(priority if priority is not None else [1.0] * n, dtype=np.float64),
        mentee_institution=inst_a,
        mentor_institution=inst_b,
        mentee_languages=lang_a,
        mentor_languages=lang_b,
    )


def _topic_matrices(
    mentees: Sequence[Mentee], mentors: Sequence[Mentor], taxonomy: Taxonomy
) -> tuple[np.ndarray, np.ndarray]:
    t = len(taxonomy)
    need = np.zeros((len(mentees), t), dtype=np.float32)
    for i, e in enumerate(mentees):
        ranked = [k for k in dict.fromkeys(e.topics) if k in taxonomy]
        if ranked:
            w = np.array([1.0 / (r + 1) for r in range(len(ranked))], dtype=np.float32)
            need[i, [taxonomy.index(k) for k in ranked]] = w / w.sum()
    offer = np.zeros((len(mentors), t), dtype=np.float32)
    for j, r in enumerate(mentors):
        for k, level in r.topics.items():
            if k in taxonomy:
                offer[j, taxonomy.index(k)] = min(max(level, 0), 3) / 3.0
    return need, offer


def _context(
    mentees: Sequence[Mentee], mentors: Sequence[Mentor], taxonomy: Taxonomy
) -> np.ndarray:
    """Institution type similarity; size similarity; allrounders for small libraries.

    Mentees fall into few groups (type, size, small-library need), so one row per group is
    computed and gathered: the cost is one (n, m) copy.
    """
    sizes = {"small": 0.0, "medium": 0.5, "large": 1.0}
    allround = taxonomy.allrounder_topic
    tb = [r.institution_type for r in mentors]
    sb = np.array([sizes.get(r.institution_size or "", np.nan) for r in mentors])
    helps_small = np.array(
        [
            max(
                (r.topics.get(allround, 0) / 3.0) if allround else 0.0,
                1.0 if r.institution_size == "small" else 0.0,
            )
            for r in mentors
        ],
        dtype=np.float32,
    )
    type_rows: dict[str, np.ndarray] = {}
    groups: dict[tuple, int] = {}
    table: list[np.ndarray] = []
    of_mentee = np.empty(len(mentees), dtype=np.int64)
    for i, e in enumerate(mentees):
        # a small library with broad tasks is best served by an allrounder or a small house
        small = e.institution_size == "small" or (allround is not None and allround in e.topics)
        key = (e.institution_type, e.institution_size, small)
        g = groups.get(key)
        if g is None:
            g = groups[key] = len(table)
            row = type_rows.get(e.institution_type)
            if row is None:
                row = type_rows[e.institution_type] = np.array(
                    [type_similarity(e.institution_type, t) for t in tb], dtype=np.float32
                )
            sa = sizes.get(e.institution_size or "")
            if small:
                row = 0.5 * row + 0.5 * helps_small
            elif sa is not None:
                size_sim = np.where(np.isnan(sb), 1.0, 1.0 - np.abs(sa - sb))
                row = 0.7 * row + 0.3 * size_sim.astype(np.float32)
            table.append(row.astype(np.float32))
        of_mentee[i] = g
    if not table:
        return np.zeros((0, len(mentors)), dtype=np.float32)
    return np.stack(table)[of_mentee]


def _preference(mentees: Sequence[Mentee], mentors: Sequence[Mentor]) -> np.ndarray:
    """1 for a first choice, 0.75, 0.5, then 0.25 for every further stated choice."""
    pref = np.zeros((len(mentees), len(mentors)), dtype=np.float32)
    mi = {r.id: j for j, r in enumerate(mentors)}
    ei = {e.id: i for i, e in enumerate(mentees)}
    for i, e in enumerate(mentees):
        for rank, mid in enumerate(dict.fromkeys(e.preferred_mentors)):
            if mid in mi:
                pref[i, mi[mid]] = max(0.25, 1.0 - 0.25 * rank)
    for j, r in enumerate(mentors):
        for rank, eid in enumerate(dict.fromkeys(r.preferred_mentees)):
            if eid in ei:
                i = ei[eid]
                pref[i, j] = max(pref[i, j], max(0.25, 1.0 - 0.25 * rank))
    return pref


def compute_fit(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    weights: Weights | None = None,
    taxonomy: Taxonomy | None = None,
    progress: Progress | None = None,
) -> FitMatrix:
    """Score every pair. Cost: O(n·m) float32 per component; text work is per vocabulary."""
    weights = weights or Weights()
    taxonomy = taxonomy or DEFAULT_TAXONOMY
    w = weights.normalised()
    n, m = len(mentees), len(mentors)

    def report(stage: str, share: float) -> None:
        if progress is not None:
            progress(stage, share)

    report("text analysis", 0.0)
    model = TextModel(taxonomy)
    ftext_e, ftext_r = model.analyse_many(
        [[f"{e.expectations}\n{e.projects}" for e in mentees], [r.profile for r in mentors]]
    )
    need_topics, offer_topics = _topic_matrices(mentees, mentors, taxonomy)
    report("text analysis", 1.0)

    topic = need_topics @ offer_topics.T
    np.clip(topic, 0.0, 1.0, out=topic)

    # text: how much of the need found in the mentee's text the mentor's offer covers;
    # the offer is the profile text's concepts or the declared topic level, whichever is more
    need = ftext_e.concepts
    offer = np.maximum(ftext_r.concepts, offer_topics)
    need_sum = need.sum(axis=1)
    need_norm = np.divide(
        need, need_sum[:, None], out=np.zeros_like(need), where=need_sum[:, None] > 0
    )
    text = np.empty((n, m), dtype=np.float32)
    for start in range(0, n, CHUNK):
        block = slice(start, min(n, start + CHUNK))
        concept = need_norm[block] @ offer.T
        terms = term_similarity(ftext_e.terms, ftext_r.terms, block)
        terms *= 1.0 / TERM_FULL
        np.minimum(terms, 1.0, out=terms)
        concept *= CONCEPT_SHARE
        terms *= 1.0 - CONCEPT_SHARE
        np.add(concept, terms, out=text[block])
        report("text fit", block.stop / max(n, 1))
    np.clip(text, 0.0, 1.0, out=text)

    context = _context(mentees, mentors, taxonomy)
    preference = _preference(mentees, mentors)
    components = {"topic": topic, "text": text, "context": context, "preference": preference}

    total = np.zeros((n, m), dtype=np.float32)
    for start in range(0, n, CHUNK):
        block = slice(start, min(n, start + CHUNK))
        part = total[block]
        for c in COMPONENTS:
            if w[c]:
                part += np.float32(w[c]) * components[c][block]
        np.clip(part, 0.0, 1.0, out=part)

    inst_a, inst_b = _institution_codes(
        [e.institution for e in mentees], [r.institution for r in mentors]
    )
    lang_a, lang_b = _language_masks([e.languages for e in mentees], [r.languages for r in mentors])
    priority = np.array([float(e.priority) for e in mentees], dtype=np.float64)
    if (priority <= 0).any() or not np.isfinite(priority).all():
        raise ValueError("priority must be a positive number")
    report("fit scores", 1.0)
    return FitMatrix(
        mentee_ids=[e.id for e in mentees],
        mentor_ids=[r.id for r in mentors],
        components=components,
        weights=w,
        total=total,
        capacity=np.array([max(0, int(r.capacity)) for r in mentors], dtype=np.int64),
        priority=priority,
        mentee_institution=inst_a,
        mentor_institution=inst_b,
        mentee_languages=lang_a,
        mentor_languages=lang_b,
        mentees=list(mentees),
        mentors=list(mentors),
        taxonomy=taxonomy,
        text_model=model,
        mentee_text=ftext_e,
        mentor_text=ftext_r,
    )


def rule_masks(fit: FitMatrix, rules: Rules, rows: slice | None = None) -> dict[str, np.ndarray]:
    """Per hard rule, where a pair is allowed (True). Excluded pairs and capacity included."""
    rows = rows or slice(0, fit.shape[0])
    n_rows = len(range(*rows.indices(fit.shape[0])))
    m = fit.shape[1]
    masks: dict[str, np.ndarray] = {}
    if rules.cross_institution:
        masks["institution"] = (
            fit.mentee_institution[rows][:, None] != fit.mentor_institution[None, :]
        )
    if rules.shared_language:
        masks["language"] = (
            fit.mentee_languages[rows][:, None] & fit.mentor_languages[None, :]
        ) != 0
    excl = np.ones((n_rows, m), dtype=bool)
    start = rows.start or 0
    for e, r in rules.excluded:
        i, j = fit.mentee_index.get(e), fit.mentor_index.get(r)
        if i is not None and j is not None and start <= i < start + n_rows:
            excl[i - start, j] = False
    masks["excluded"] = excl
    masks["capacity"] = np.broadcast_to(fit.capacity[None, :] > 0, (n_rows, m))
    return masks


def feasible(fit: FitMatrix, rules: Rules) -> np.ndarray:
    """Boolean (n, m): pair allowed by every hard rule and at least the minimum fit."""
    n, m = fit.shape
    ok = np.empty((n, m), dtype=bool)
    for start in range(0, n, 4 * CHUNK):
        block = slice(start, min(n, start + 4 * CHUNK))
        part = fit.total[block] >= np.float32(rules.min_fit)
        for mask in rule_masks(fit, rules, block).values():
            part &= mask
        ok[block] = part
    return ok
