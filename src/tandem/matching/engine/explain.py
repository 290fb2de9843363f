"""Why a pair was proposed, or why an applicant was left out.

Every explanation is structured data: codes and parameters (engine ids, scores, topic keys,
phrases on both sides), never names. `render(fit, ex, lang)` turns it into one short
sentence in English or German for the spreadsheet command; the web app renders the same
data with its own translations.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from .fit import CHUNK, FitMatrix, feasible
from .model import (
    MATCHED,
    PINNED,
    REASON_TEXT_DE,
    REASON_TEXT_EN,
    Result,
    Rules,
    render_detail,
)
from .text import surface_forms


@dataclass
class Explanation:
    mentee_id: str
    status: str  # matched | pinned | a reason code
    mentor_id: str | None = None
    score: float | None = None
    components: dict[str, float] = field(default_factory=dict)
    #: {"topic", "mentee_rank" (1 = first), "mentor_level"}
    shared_topics: list[dict] = field(default_factory=list)
    #: phrases found in the mentee's text that the mentor's offer covers: {"phrase",
    #: "topic", "mentor_phrase" (the phrase found in the mentor's profile, or "")}
    phrases: list[dict] = field(default_factory=list)
    shared_terms: list[str] = field(default_factory=list)
    runner_up: str | None = None
    runner_up_score: float | None = None
    close_call: bool = False
    low_fit: bool = False
    #: the application names no concrete task or project
    vague: bool = False
    #: structured detail of a reason ({"kind", ...}); for a placed applicant whose central
    #: need no mentor offers: {"kind": "need", "need", "need_key"}
    params: dict = field(default_factory=dict)
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
        mentor_side = {}
        for phrase, topic, _cov in model.found_phrases(fit.mentor_text, j):
            mentor_side.setdefault(topic, phrase)
        for phrase, topic, _cov in model.found_phrases(fit.mentee_text, i):
            if topic in offered and topic not in seen:
                seen.add(topic)
                ex.phrases.append(
                    {"phrase": phrase, "topic": topic, "mentor_phrase": mentor_side.get(topic, "")}
                )
        ex.phrases = ex.phrases[:3]
        terms = model.shared_terms(fit.mentee_text, i, fit.mentor_text, j)
        if fit.mentees:
            raw = f"{fit.mentees[i].expectations} {fit.mentees[i].projects}"
            terms = surface_forms(raw, terms) if terms else terms
        ex.shared_terms = terms


_WORDS = {
    "en": {
        "not": "Not admitted: {why}",
        "fit": "Fit {score:.2f}",
        "pinned": "Pinned by the coordinator.",
        "topics": "Shared topics: {x}.",
        "rank": "rank {rank}, level {level}",
        "need": "Need found in the application: {x}.",
        "offer": "profile: \u201c{p}\u201d",
        "terms": "Both mention: {x}.",
        "close": "Close call: {m} scores {s:.2f}.",
        "low": "Low fit.",
        "vague": "No concrete task or project named.",
    },
    "de": {
        "not": "Nicht aufgenommen: {why}",
        "fit": "Passung {score:.2f}",
        "pinned": "Von der Koordination festgelegt.",
        "topics": "Gemeinsame Themen: {x}.",
        "rank": "Rang {rank}, Stufe {level}",
        "need": "Bedarf in der Bewerbung: {x}.",
        "offer": "Profil: \u201e{p}\u201c",
        "terms": "Beide nennen: {x}.",
        "close": "Knappe Entscheidung: {m} erreicht {s:.2f}.",
        "low": "Geringe Passung.",
        "vague": "Keine konkrete Aufgabe und kein Projekt genannt.",
    },
}


def _label(fit: FitMatrix, key: str, lang: str = "en") -> str:
    tax = fit.taxonomy
    return tax.topic(key).label(lang) if tax and key in tax else key


def render(fit: FitMatrix, ex: Explanation, lang: str = "en") -> str:
    """One short sentence for an explanation, in English or German."""
    w = _WORDS["de" if lang == "de" else "en"]
    if ex.mentor_id is None:
        reasons = REASON_TEXT_DE if lang == "de" else REASON_TEXT_EN
        detail = render_detail(ex.params, lang)
        return w["not"].format(why=reasons.get(ex.status, ex.status)) + (
            f" ({detail})." if detail else "."
        )
    comps = ", ".join(f"{k} {v:.2f}" for k, v in ex.components.items())
    fit_text = w["fit"].format(score=ex.score or 0.0)
    parts = [f"{fit_text} ({comps})." if comps else f"{fit_text}."]
    if ex.status == PINNED:
        parts.insert(0, w["pinned"])
    if ex.shared_topics:
        topics = "; ".join(
            f"{_label(fit, t['topic'], lang)} ("
            + w["rank"].format(rank=t["mentee_rank"], level=t["mentor_level"])
            + ")"
            for t in ex.shared_topics[:3]
        )
        parts.append(w["topics"].format(x=topics))
    if ex.phrases:
        items = []
        for p in ex.phrases:
            item = f'"{p["phrase"]}" ({_label(fit, p["topic"], lang)}'
            if p.get("mentor_phrase"):
                item += "; " + w["offer"].format(p=p["mentor_phrase"])
            items.append(item + ")")
        parts.append(w["need"].format(x="; ".join(items)))
    if ex.shared_terms:
        parts.append(w["terms"].format(x=", ".join(ex.shared_terms)))
    if ex.close_call and ex.runner_up:
        parts.append(w["close"].format(m=ex.runner_up, s=ex.runner_up_score or 0.0))
    if ex.params:
        parts.append(render_detail(ex.params, lang).capitalize() + ".")
    if ex.vague:
        parts.append(w["vague"])
    if ex.low_fit:
        parts.append(w["low"])
    return " ".join(parts)


def explain(
    fit: FitMatrix, result: Result, rules: Rules | None = None, lang: str = "en"
) -> list[Explanation]:
    """One explanation per mentee, in the FitMatrix's mentee order (`text` in `lang`)."""
    rules = rules or Rules()
    ok = feasible(fit, rules)
    by_mentee: dict[int, Explanation] = {}
    rows = [fit.mentee_index[a.mentee_id] for a in result.assignments]
    cols = [fit.mentor_index[a.mentor_id] for a in result.assignments]
    # components of the placed pairs only: recomputed per chunk where they were not kept
    pair_parts = fit.pair_components(rows, cols)
    for a, i, j, parts in zip(result.assignments, rows, cols, pair_parts, strict=True):
        comps = {k: round(float(v), 4) for k, v in parts.items() if k != "total"}
        ex = Explanation(
            mentee_id=a.mentee_id,
            status=PINNED if a.pinned else MATCHED,
            mentor_id=a.mentor_id,
            score=round(a.score, 4),
            components=comps,
            # placed although no mentor offers the central need: always flagged
            low_fit=a.score < rules.low_fit or i in fit.unserved,
            vague=bool(fit.vague is not None and fit.vague[i]),
        )
        if i in fit.unserved:
            key, words = fit.unserved[i]
            ex.params = {"kind": "need", "need": words, "need_key": key}
        _pair_details(fit, i, j, ex)
        by_mentee[i] = ex
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
        by_mentee[i] = Explanation(
            mentee_id=u.mentee_id,
            status=u.reason,
            params=dict(u.params),
            vague=bool(fit.vague is not None and fit.vague[i]),
        )
    out = [by_mentee[i] for i in sorted(by_mentee)]
    for ex in out:
        ex.text = render(fit, ex, lang)
    return out
