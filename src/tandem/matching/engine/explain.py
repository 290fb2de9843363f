"""Why a pair was proposed, or why an applicant was left out.

Every explanation is structured data (for the web app to render in German) plus one short
plain-English sentence (for the spreadsheet command).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from .fit import CHUNK, FitMatrix, feasible
from .model import MATCHED, PINNED, REASON_TEXT_EN, Result, Rules
from .text import surface_form


@dataclass
class Explanation:
    mentee_id: str
    status: str  # matched | pinned | a reason code
    mentor_id: str | None = None
    score: float | None = None
    components: dict[str, float] = field(default_factory=dict)
    #: {"topic", "mentee_rank" (1 = first), "mentor_level"}
    shared_topics: list[dict] = field(default_factory=list)
    #: phrases found in the mentee's text that the mentor's offer covers: {"phrase", "topic"}
    phrases: list[dict] = field(default_factory=list)
    shared_terms: list[str] = field(default_factory=list)
    runner_up: str | None = None
    runner_up_score: float | None = None
    close_call: bool = False
    low_fit: bool = False
    detail: str = ""
    text: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _runner_ups(
    fit: FitMatrix, ok: np.ndarray, rows: np.ndarray, cols: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Best allowed mentor other than the assigned one, per assigned mentee (capacity aside)."""
    best = np.full(len(rows), -1, dtype=np.int64)
    score = np.full(len(rows), -1.0)
    for start in range(0, len(rows), CHUNK):
        r, c = rows[start : start + CHUNK], cols[start : start + CHUNK]
        block = np.where(ok[r], fit.total[r], np.float32(-1.0))
        block[np.arange(len(r)), c] = -1.0
        if block.shape[1] == 0:
            continue
        arg = block.argmax(axis=1)
        best[start : start + len(r)] = arg
        score[start : start + len(r)] = block[np.arange(len(r)), arg]
    best[score < 0] = -1
    return best, score


def _label(fit: FitMatrix, key: str) -> str:
    return fit.taxonomy.topic(key).label_en if fit.taxonomy and key in fit.taxonomy else key


def _pair_details(fit: FitMatrix, i: int, j: int, ex: Explanation) -> None:
    if fit.mentees and fit.mentors:
        mentee, mentor = fit.mentees[i], fit.mentors[j]
        for rank, key in enumerate(dict.fromkeys(mentee.topics), start=1):
            if key in mentor.topics:
                ex.shared_topics.append(
                    {"topic": key, "mentee_rank": rank, "mentor_level": mentor.topics[key]}
                )
    model = fit.text_model
    if model is not None and fit.mentee_text is not None and fit.mentor_text is not None:
        offered = set()
        if fit.mentors:
            offered |= set(fit.mentors[j].topics)
        keys = model.taxonomy.keys
        offered |= {keys[t] for t in np.flatnonzero(fit.mentor_text.concepts[j] > 0)}
        seen = set()
        for phrase, topic, _cov in model.found_phrases(fit.mentee_text, i):
            if topic in offered and topic not in seen:
                seen.add(topic)
                ex.phrases.append({"phrase": phrase, "topic": topic})
        ex.phrases = ex.phrases[:3]
        terms = model.shared_terms(fit.mentee_text, i, fit.mentor_text, j)
        if fit.mentees:
            raw = f"{fit.mentees[i].expectations} {fit.mentees[i].projects}"
            terms = [surface_form(raw, w) for w in terms]
        ex.shared_terms = terms


def _sentence(fit: FitMatrix, ex: Explanation) -> str:
    if ex.mentor_id is None:
        why = REASON_TEXT_EN.get(ex.status, ex.status)
        return f"Not admitted: {why}" + (f" ({ex.detail})." if ex.detail else ".")
    comps = ", ".join(f"{k} {v:.2f}" for k, v in ex.components.items())
    parts = [f"Fit {ex.score:.2f} ({comps})." if comps else f"Fit {ex.score:.2f}."]
    if ex.status == PINNED:
        parts.insert(0, "Pinned by the coordinator.")
    if ex.shared_topics:
        topics = "; ".join(
            f"{_label(fit, t['topic'])} (rank {t['mentee_rank']}, level {t['mentor_level']})"
            for t in ex.shared_topics[:3]
        )
        parts.append(f"Shared topics: {topics}.")
    if ex.phrases:
        phr = "; ".join(f'"{p["phrase"]}" ({_label(fit, p["topic"])})' for p in ex.phrases)
        parts.append(f"Need found in the application: {phr}.")
    if ex.shared_terms:
        parts.append(f"Both mention: {', '.join(ex.shared_terms)}.")
    if ex.close_call and ex.runner_up:
        parts.append(f"Close call: {ex.runner_up} scores {ex.runner_up_score:.2f}.")
    if ex.low_fit:
        parts.append("Low fit.")
    return " ".join(parts)


def explain(fit: FitMatrix, result: Result, rules: Rules | None = None) -> list[Explanation]:
    """One explanation per mentee, in the FitMatrix's mentee order."""
    rules = rules or Rules()
    ok = feasible(fit, rules)
    by_mentee: dict[int, Explanation] = {}
    rows, cols = [], []
    for a in result.assignments:
        i, j = fit.mentee_index[a.mentee_id], fit.mentor_index[a.mentor_id]
        comps = {k: round(float(v[i, j]), 4) for k, v in fit.components.items() if k != "total"}
        ex = Explanation(
            mentee_id=a.mentee_id,
            status=PINNED if a.pinned else MATCHED,
            mentor_id=a.mentor_id,
            score=round(a.score, 4),
            components=comps,
            low_fit=a.score < rules.low_fit,
        )
        _pair_details(fit, i, j, ex)
        by_mentee[i] = ex
        rows.append(i)
        cols.append(j)
    if rows:
        best, score = _runner_ups(fit, ok, np.array(rows), np.array(cols))
        for i, b, s in zip(rows, best.tolist(), score.tolist(), strict=True):
            ex = by_mentee[i]
            if b >= 0:
                ex.runner_up = fit.mentor_ids[b]
                ex.runner_up_score = round(s, 4)
                ex.close_call = s >= (ex.score or 0.0) - rules.close_call_margin
    for u in result.unmatched:
        i = fit.mentee_index[u.mentee_id]
        by_mentee[i] = Explanation(mentee_id=u.mentee_id, status=u.reason, detail=u.detail)
    out = [by_mentee[i] for i in sorted(by_mentee)]
    for ex in out:
        ex.text = _sentence(fit, ex)
    return out
