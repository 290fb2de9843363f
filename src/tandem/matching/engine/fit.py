"""Fit scores: one matrix per component, their weighted total, and the hard-rule mask."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .institutions import normalise_institution
from .model import COMPONENTS, Mentee, Mentor, Rules, Weights
from .needs import VAGUE_MIN_CUES, outside_hits, split_negated, vagueness
from .taxonomy import DEFAULT_TAXONOMY, OUTSIDE_NEEDS, Taxonomy, type_similarity
from .text import TextFeatures, TextModel

Progress = Callable[[str, float], None]

#: share of the concept signal in the text fit (the rest is shared terms)
CONCEPT_SHARE = 0.3
#: a term cosine of this value counts as full lexical agreement
TERM_FULL = 0.35
CHUNK = 1024
#: a topic whose phrases are clearly found in an applicant's text is a central need ...
CENTRAL_TOPIC = 0.9
#: ... and it is offered when some mentor's profile or level reaches this (level 1 of 3)
OFFERED_TOPIC = 0.33
#: a ticked topic the text refuses (or a topic a mentor rules out) counts at most this much
REFUSED_ABOVE = 0.5
#: distinct words of an outside need that make it the applicant's central need
OUTSIDE_CENTRAL = 3
#: distinct words of an outside need in a mentor's profile (outside a limit) that offer it
OUTSIDE_OFFERED = 2
#: fit of a pair whose mentor does not offer the applicant's central outside need
OUTSIDE_FACTOR = 0.35
#: fit of a vague application (no concrete task or project), relative to a concrete one
VAGUE_FACTOR = 0.6


@dataclass
class FitMatrix:
    """Scores for every (mentee, mentor) pair plus what the solvers and explanations need.

    Rows are mentees, columns mentors, in the order given to `compute_fit`. Every component
    and the total are float32 arrays in [0, 1]. For large rounds `components` is empty (not
    kept, to bound memory): `component_rows` and `pair_components` recompute them exactly.
    The total does not apply the hard rules; `feasible(fit, rules)` does.
    """

    mentee_ids: list[str]
    mentor_ids: list[str]
    components: dict[str, np.ndarray]
    weights: dict[str, float]
    total: np.ndarray
    capacity: np.ndarray  # (m,) int
    favoured: np.ndarray  # (n,) bool: the coordinator favours this applicant
    mentee_institution: np.ndarray  # (n,) int codes of normalised institution names
    mentor_institution: np.ndarray  # (m,) int
    mentee_languages: np.ndarray  # (n,) int bit masks
    mentor_languages: np.ndarray  # (m,) int
    #: per mentee: (outside-need key, the need in the applicant's words) when no mentor
    #: offers the applicant's central need
    unserved: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: per mentee: the application names no concrete task or project
    vague: np.ndarray | None = None
    mentees: Sequence[Mentee] = ()
    mentors: Sequence[Mentor] = ()
    taxonomy: Taxonomy | None = None
    text_model: TextModel | None = None
    mentee_text: TextFeatures | None = None
    mentor_text: TextFeatures | None = None
    #: scores any applicant rows again (components that were not kept)
    scorer: Scorer | None = None
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

    def favour_bonus(self) -> float:
        """Value of placing one favoured applicant: more than any total fit can add up to.

        Every fit is at most 1, so no set of pairs has a total fit above min(n, m·cap);
        adding this bonus per favoured applicant makes the objective lexicographic (first
        the number of favoured applicants placed, then total fit) and keeps it exact.
        """
        return float(min(self.shape[0], int(self.capacity.sum())) + 1)

    def component_rows(self, rows: np.ndarray) -> dict[str, np.ndarray]:
        """Component blocks (len(rows), m) of these applicant rows: kept or recomputed."""
        rows = np.asarray(rows, dtype=np.int64)
        if self.components or self.scorer is None:
            return {c: a[rows] for c, a in self.components.items()}
        return self.scorer.components(rows)

    def pair_components(self, rows: Sequence[int], cols: Sequence[int]) -> list[dict]:
        """Component values of the pairs (rows[k], cols[k]), in chunks of rows."""
        out: list[dict] = []
        rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        step = PAIRS_STEP
        for start in range(0, len(rows), step):
            r, c = rows[start : start + step], cols[start : start + step]
            if self.components or self.scorer is None:
                picked = {k: v[r, c].tolist() for k, v in self.components.items()}
            else:
                picked = {k: v.tolist() for k, v in self.scorer.pairs(r, c).items()}
            out.extend({k: v[x] for k, v in picked.items()} for x in range(len(r)))
        return out

    def pair(self, i: int, j: int) -> dict[str, float]:
        """Component values and total of one pair."""
        out = {c: float(v) for c, v in self.pair_components([i], [j])[0].items()}
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
    favoured: Sequence[bool] | None = None,
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
        favoured=np.asarray(favoured if favoured is not None else [False] * n, dtype=bool),
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
) -> tuple[np.ndarray, np.ndarray]:
    """Institution type similarity; size similarity; allrounders for small libraries.

    Mentees fall into few groups (type, size, small-library need), so one row per group is
    computed: returns the (groups, m) table and each mentee's group (rows are gathered).
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
        return np.zeros((0, len(mentors)), dtype=np.float32), of_mentee
    return np.stack(table), of_mentee


def _preferences(
    mentees: Sequence[Mentee], mentors: Sequence[Mentor]
) -> dict[int, dict[int, float]]:
    """1 for a first choice, 0.75, 0.5, then 0.25 for every further stated choice (either
    side's; the higher counts). Only stated pairs: applicant -> mentor -> value."""
    pref: dict[int, dict[int, float]] = {}
    mi = {r.id: j for j, r in enumerate(mentors)}
    ei = {e.id: i for i, e in enumerate(mentees)}
    for i, e in enumerate(mentees):
        for rank, mid in enumerate(dict.fromkeys(e.preferred_mentors)):
            if mid in mi:
                pref.setdefault(i, {})[mi[mid]] = max(0.25, 1.0 - 0.25 * rank)
    for j, r in enumerate(mentors):
        for rank, eid in enumerate(dict.fromkeys(r.preferred_mentees)):
            if eid in ei:
                row = pref.setdefault(ei[eid], {})
                row[j] = max(row.get(j, 0.0), max(0.25, 1.0 - 0.25 * rank))
    return pref


#: rows of applicants scored at a time: the component blocks of one chunk take about
#: this many bytes (float32, the four components and their temporaries)
CHUNK_BYTES = 64 << 20
#: up to this many pairs the component matrices are kept for the review grid; above it
#: they are recomputed for the rows that need them (explanations), so memory stays
#: bounded by the total score matrix plus one chunk
KEEP_COMPONENTS_PAIRS = 1 << 22
#: pairs whose components are recomputed at a time (the term product is step x step)
PAIRS_STEP = 256


def chunk_rows(m: int) -> int:
    """Applicants per chunk for m mentors: about CHUNK_BYTES of component blocks."""
    return max(2, CHUNK_BYTES // max(1, 8 * 4 * m))


def _blocks(n: int, size: int) -> list[np.ndarray]:
    """Row blocks of at least two rows (a one-row product takes BLAS's gemv path, whose
    rounding differs from gemm's: blocks of two or more give bit-identical rows)."""
    size = max(2, size)
    starts = list(range(0, n, size))
    if len(starts) > 1 and n - starts[-1] < 2:
        starts.pop()
    return [np.arange(a, b) for a, b in zip(starts, [*starts[1:], n], strict=True)]


def _rows_product(a: np.ndarray, b_t: np.ndarray) -> np.ndarray:
    """a @ b_t row by row identical whatever the block (see _blocks): one row is doubled."""
    if a.shape[0] == 1:
        return (np.vstack([a, a]) @ b_t)[:1]
    return a @ b_t


@dataclass
class Scorer:
    """What scoring needs from both sides, so any block of applicant rows can be scored.

    Every value of a row depends only on that row's applicant and the mentors, so scoring
    in chunks gives the same numbers as scoring all rows at once (tests check it).
    """

    weights: dict[str, float]
    need_topics: np.ndarray  # (n, topics)
    offer_topics_t: np.ndarray  # (topics, m)
    need_norm: np.ndarray  # (n, topics) concept need, rows sum to 1
    offer_t: np.ndarray  # (topics, m) concept offer
    mentee_terms: object  # sparse (n, stems)
    mentor_terms_t: np.ndarray  # (stems, m) dense: few distinct stems
    context_table: np.ndarray  # (groups, m)
    context_of: np.ndarray  # (n,) group of each applicant
    preferences: dict[int, dict[int, float]]  # applicant -> mentor -> preference value
    unserved_topics: frozenset[int]  # rows lowered: no mentor offers their central topic
    vague: np.ndarray  # (n,) bool
    outside: dict[int, np.ndarray]  # applicant -> (m,) bool: mentor offers the outside need

    def components(self, rows: np.ndarray) -> dict[str, np.ndarray]:
        """The four component blocks (len(rows), m) of these applicant rows."""
        m = self.context_table.shape[1]
        topic = _rows_product(self.need_topics[rows], self.offer_topics_t)
        np.clip(topic, 0.0, 1.0, out=topic)
        concept = _rows_product(self.need_norm[rows], self.offer_t)
        # sparse rows times the dense mentor side: each row's sum runs over its own
        # terms in one fixed order, whatever the block
        terms = self.mentee_terms[rows] @ self.mentor_terms_t
        terms *= 1.0 / TERM_FULL
        np.minimum(terms, 1.0, out=terms)
        concept *= CONCEPT_SHARE
        terms *= 1.0 - CONCEPT_SHARE
        text = np.add(concept, terms)
        del concept, terms
        np.clip(text, 0.0, 1.0, out=text)
        context = self.context_table[self.context_of[rows]]
        preference = np.zeros((len(rows), m), dtype=np.float32)
        for k, i in enumerate(rows.tolist()):
            for j, value in self.preferences.get(i, {}).items():
                preference[k, j] = value
        return {"topic": topic, "text": text, "context": context, "preference": preference}

    def pairs(self, rows: np.ndarray, cols: np.ndarray) -> dict[str, np.ndarray]:
        """Component values of the pairs (rows[k], cols[k]): the same numbers as the
        blocks give, at a fraction of the cost (explanations need only the placed pairs).

        The topic products take whole rows (a dense product of a column subset may round
        differently); the term product takes only these mentors' columns, which is exact
        because each value is summed over the applicant's own terms in a fixed order.
        """
        at = np.arange(len(rows))
        topic = _rows_product(self.need_topics[rows], self.offer_topics_t)[at, cols]
        np.clip(topic, 0.0, 1.0, out=topic)
        concept = _rows_product(self.need_norm[rows], self.offer_t)[at, cols]
        terms = np.diagonal(self.mentee_terms[rows] @ self.mentor_terms_t[:, cols]).copy()
        terms *= 1.0 / TERM_FULL
        np.minimum(terms, 1.0, out=terms)
        concept *= CONCEPT_SHARE
        terms *= 1.0 - CONCEPT_SHARE
        text = np.add(concept, terms)
        np.clip(text, 0.0, 1.0, out=text)
        context = self.context_table[self.context_of[rows], cols]
        preference = np.array(
            [self.preferences.get(i, {}).get(j, 0.0) for i, j in zip(rows, cols, strict=True)],
            dtype=np.float32,
        )
        return {"topic": topic, "text": text, "context": context, "preference": preference}

    def total(self, rows: np.ndarray, parts: dict[str, np.ndarray]) -> np.ndarray:
        """Weighted total of a block, with the factors for unmet and vague needs."""
        out = np.zeros_like(parts["topic"])
        for c in COMPONENTS:
            if self.weights[c]:
                out += np.float32(self.weights[c]) * parts[c]
        np.clip(out, 0.0, 1.0, out=out)
        for k, i in enumerate(rows.tolist()):
            if i in self.unserved_topics:
                out[k] *= np.float32(OUTSIDE_FACTOR)
        out[self.vague[rows]] *= np.float32(VAGUE_FACTOR)
        for k, i in enumerate(rows.tolist()):
            offered = self.outside.get(i)
            if offered is not None:
                out[k, ~offered] *= np.float32(OUTSIDE_FACTOR)
        return out


def compute_fit(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    weights: Weights | None = None,
    taxonomy: Taxonomy | None = None,
    progress: Progress | None = None,
    chunk: int | None = None,
    keep_components: bool | None = None,
) -> FitMatrix:
    """Score every pair, in chunks of applicant rows: memory is the (n, m) float32 total
    plus one chunk's components (and the components themselves only while
    n·m <= KEEP_COMPONENTS_PAIRS, unless `keep_components` says otherwise).

    `chunk` (rows per block) and `keep_components` are for tests and the benchmark.
    """
    weights = weights or Weights()
    taxonomy = taxonomy or DEFAULT_TAXONOMY
    w = weights.normalised()
    n, m = len(mentees), len(mentors)
    if keep_components is None:
        keep_components = n * m <= KEEP_COMPONENTS_PAIRS

    def report(stage: str, share: float) -> None:
        if progress is not None:
            progress(stage, share)

    report("text analysis", 0.0)
    model = TextModel(taxonomy)
    e_raw = [f"{e.expectations}\n{e.projects}" for e in mentees]
    e_split = [split_negated(t, mentor=False) for t in e_raw]
    r_split = [split_negated(r.profile, mentor=True) for r in mentors]
    ftext_e, ftext_r = model.analyse_many([[k for k, _ in e_split], [k for k, _ in r_split]])
    refused = model.concepts_many([x for _, x in e_split])
    limits = model.concepts_many([x for _, x in r_split])
    need_topics, offer_topics = _topic_matrices(mentees, mentors, taxonomy)
    # the text wins: a ticked topic the applicant's text refuses is no need; a mentor's
    # stated limit takes the topic out of the offer
    need_topics = need_topics * np.where(refused > REFUSED_ABOVE, 0.0, 1.0).astype(np.float32)
    keep = np.where(limits > REFUSED_ABOVE, 0.0, 1.0).astype(np.float32)
    offer_topics = offer_topics * keep
    report("text analysis", 1.0)

    # text: how much of the need found in the mentee's text the mentor's offer covers;
    # the offer is the profile text's concepts or the declared topic level, whichever is more
    need = ftext_e.concepts
    offer = np.maximum(ftext_r.concepts * keep, offer_topics)
    need_sum = need.sum(axis=1)
    need_norm = np.divide(
        need, need_sum[:, None], out=np.zeros_like(need), where=need_sum[:, None] > 0
    )
    table, of_mentee = _context(mentees, mentors, taxonomy)
    unserved_topics = _unoffered_topics(ftext_e.concepts, offer, model, ftext_e)
    outside, unserved = _outside_needs(e_split, r_split)
    for i, central in unserved_topics.items():
        unserved.setdefault(i, central)
    scorer = Scorer(
        weights=w,
        need_topics=need_topics,
        offer_topics_t=np.ascontiguousarray(offer_topics.T),
        need_norm=need_norm,
        offer_t=np.ascontiguousarray(offer.T),
        mentee_terms=ftext_e.terms,
        mentor_terms_t=np.ascontiguousarray(ftext_r.terms.T.toarray(), dtype=np.float32),
        context_table=table,
        context_of=of_mentee,
        preferences=_preferences(mentees, mentors),
        unserved_topics=frozenset(unserved_topics),
        vague=np.array([vagueness(t) >= VAGUE_MIN_CUES for t in e_raw], dtype=bool),
        outside=outside,
    )

    total = np.empty((n, m), dtype=np.float32)
    components = (
        {c: np.empty((n, m), dtype=np.float32) for c in COMPONENTS} if keep_components else {}
    )
    for rows in _blocks(n, chunk or chunk_rows(m)):
        parts = scorer.components(rows)
        total[rows[0] : rows[-1] + 1] = scorer.total(rows, parts)
        for c, block in components.items():
            block[rows[0] : rows[-1] + 1] = parts[c]
        report("fit scores", (rows[-1] + 1) / max(n, 1))

    inst_a, inst_b = _institution_codes(
        [e.institution for e in mentees], [r.institution for r in mentors]
    )
    lang_a, lang_b = _language_masks([e.languages for e in mentees], [r.languages for r in mentors])
    favoured = np.array([bool(e.favoured) for e in mentees], dtype=bool)
    report("fit scores", 1.0)
    return FitMatrix(
        mentee_ids=[e.id for e in mentees],
        mentor_ids=[r.id for r in mentors],
        components=components,
        weights=w,
        total=total,
        capacity=np.array([max(0, int(r.capacity)) for r in mentors], dtype=np.int64),
        favoured=favoured,
        mentee_institution=inst_a,
        mentor_institution=inst_b,
        mentee_languages=lang_a,
        mentor_languages=lang_b,
        unserved=unserved,
        vague=scorer.vague,
        mentees=list(mentees),
        mentors=list(mentors),
        taxonomy=taxonomy,
        text_model=model,
        mentee_text=ftext_e,
        mentor_text=ftext_r,
        scorer=scorer,
    )


def _unoffered_topics(
    need: np.ndarray, offer: np.ndarray, model: TextModel, features: TextFeatures
) -> dict[int, tuple[str, str]]:
    """Applicants whose clearly stated topics (phrases found) no mentor offers at all.

    Returns mentee index -> (topic key, the phrase found in the applicant's text).
    """
    if need.shape[0] == 0 or offer.shape[0] == 0:
        return {}
    best_offer = offer.max(axis=0)  # (topics,) the most any mentor offers of each topic
    out = {}
    central = need >= CENTRAL_TOPIC
    for i in np.flatnonzero(central.any(axis=1)):
        topics = np.flatnonzero(central[i])
        if (best_offer[topics] < OFFERED_TOPIC).all():
            key = model.taxonomy.keys[int(topics[np.argmax(need[i, topics])])]
            phrase = next((p for p, k, _ in model.found_phrases(features, int(i)) if k == key), key)
            out[int(i)] = (key, phrase)
    return out


def _outside_needs(
    e_split: list[tuple[str, str]], r_split: list[tuple[str, str]]
) -> tuple[dict[int, np.ndarray], dict[int, tuple[str, str]]]:
    """Which mentors offer each applicant's central outside need (pairs without it are
    lowered when scored).

    Returns applicant -> (m,) bool offered, and the applicants whose central need no mentor
    offers, with the need in their words.
    """
    offers: dict[str, np.ndarray] = {}
    outside: dict[int, np.ndarray] = {}
    unserved: dict[int, tuple[str, str]] = {}
    for i, (kept, _refused) in enumerate(e_split):
        hits = [h for h in outside_hits(kept, OUTSIDE_NEEDS) if h.count >= OUTSIDE_CENTRAL]
        if not hits:
            continue
        central = hits[0]
        if central.key not in offers:
            offers[central.key] = np.array(
                [
                    any(
                        h.key == central.key and h.count >= OUTSIDE_OFFERED
                        for h in outside_hits(k, OUTSIDE_NEEDS)
                    )
                    and not any(h.key == central.key for h in outside_hits(lim, OUTSIDE_NEEDS))
                    for k, lim in r_split
                ],
                dtype=bool,
            )
        outside[i] = offers[central.key]
        if not outside[i].any():
            unserved[i] = (central.key, central.phrase)
    return outside, unserved


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
    """Boolean (n, m): pair allowed by every hard rule and at least the minimum fit.

    The same rules as rule_masks, written straight into the result block by block: the
    language rule looks its answer up per pair of language sets (there are few), so no
    block of integers is built (this runs before every solve).
    """
    n, m = fit.shape
    ok = np.empty((n, m), dtype=bool)
    rows = 4 * CHUNK
    scratch = np.empty(min(n, rows) * m, dtype=bool)
    if rules.shared_language:
        e_sets, e_code = np.unique(fit.mentee_languages, return_inverse=True)
        r_sets, r_code = np.unique(fit.mentor_languages, return_inverse=True)
        shared = (e_sets[:, None] & r_sets[None, :]) != 0
    for start in range(0, n, rows):
        block = slice(start, min(n, start + rows))
        part = ok[block]
        tmp = scratch[: part.size].reshape(part.shape)
        np.greater_equal(fit.total[block], np.float32(rules.min_fit), out=part)
        if rules.cross_institution:
            inst = fit.mentee_institution[block]
            np.not_equal(inst[:, None], fit.mentor_institution[None, :], out=tmp)
            part &= tmp
        if rules.shared_language:
            for code in range(len(e_sets)):
                these = np.flatnonzero(e_code[block] == code)
                if len(these):
                    part[these] &= shared[code][r_code][None, :]
        part &= (fit.capacity > 0)[None, :]
    for e, r in rules.excluded:
        i, j = fit.mentee_index.get(e), fit.mentor_index.get(r)
        if i is not None and j is not None:
            ok[i, j] = False
    return ok
