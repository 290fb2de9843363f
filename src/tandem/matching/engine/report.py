"""A self-contained HTML page for coordinators (English or German)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from html import escape

from .explain import Explanation
from .fit import FitMatrix
from .model import COMPONENTS, PINNED, REASON_TEXT_DE, REASON_TEXT_EN, Rules, render_detail
from .taxonomy import INSTITUTION_TYPE_LABELS, INSTITUTION_TYPES

TEXTS = {
    "en": {
        "title": "Matching proposals",
        "summary": "Summary",
        "applicants": "Applicants",
        "mentors": "Mentors",
        "places": "Places",
        "admitted": "Admitted",
        "not_admitted": "Not admitted",
        "mode": "Mode",
        "min_fit": "Minimum fit",
        "proposals": "Proposals",
        "mentee": "Mentee",
        "mentor": "Mentor",
        "score": "Fit",
        "flags": "Flags",
        "why": "Why",
        "low_fit": "low fit",
        "close_call": "close call",
        "pinned": "pinned",
        "unmatched": "Applicants not admitted",
        "reason": "Reason",
        "detail": "Detail",
        "comparison": "Comparison of modes on this round",
        "total_fit": "Total fit",
        "lowest_fit": "Lowest fit",
        "mean_fit": "Mean fit",
        "blocking": "Blocking pairs",
        "same": "Pairs as in optimal",
        "supply": "Supply and demand by topic",
        "topic": "Topic",
        "demand_any": "Applicants naming it",
        "demand_first": "… as first topic",
        "admitted_first": "Admitted (first topic)",
        "mentors_offering": "Mentors offering",
        "experts": "… at level 3",
        "places_offered": "Places offered",
        "by_type": "Supply and demand by institution type",
        "type": "Institution type",
        "gap": "Recruitment gap: more first-choice demand than places offered",
        "none": "none",
        "modes_note": (
            "optimal: highest total fit; stable: no mentee and mentor would both rather be "
            "together; fair: same number admitted as optimal, lowest fit as high as possible."
        ),
    },
    "de": {
        "title": "Matching-Vorschläge",
        "summary": "Überblick",
        "applicants": "Bewerbungen",
        "mentors": "Mentor*innen",
        "places": "Plätze",
        "admitted": "Aufgenommen",
        "not_admitted": "Nicht aufgenommen",
        "mode": "Modus",
        "min_fit": "Mindestpassung",
        "proposals": "Vorschläge",
        "mentee": "Mentee",
        "mentor": "Mentor*in",
        "score": "Passung",
        "flags": "Hinweise",
        "why": "Begründung (englisch)",
        "low_fit": "geringe Passung",
        "close_call": "knappe Entscheidung",
        "pinned": "festgelegt",
        "unmatched": "Nicht aufgenommene Bewerbungen",
        "reason": "Grund",
        "detail": "Detail",
        "comparison": "Vergleich der Modi für diesen Durchlauf",
        "total_fit": "Summe der Passung",
        "lowest_fit": "Niedrigste Passung",
        "mean_fit": "Mittlere Passung",
        "blocking": "Blockierende Paare",
        "same": "Paare wie im Optimum",
        "supply": "Angebot und Nachfrage nach Thema",
        "topic": "Thema",
        "demand_any": "Bewerbungen mit dem Thema",
        "demand_first": "… als erstes Thema",
        "admitted_first": "Aufgenommen (erstes Thema)",
        "mentors_offering": "Mentor*innen mit Angebot",
        "experts": "… auf Stufe 3",
        "places_offered": "Angebotene Plätze",
        "by_type": "Angebot und Nachfrage nach Einrichtungstyp",
        "type": "Einrichtungstyp",
        "gap": "Rekrutierungslücke: mehr Nachfrage (erstes Thema) als angebotene Plätze",
        "none": "keine",
        "modes_note": (
            "optimal: höchste Summe der Passung; stabil: kein Paar wäre sich gegenseitig "
            "lieber; fair: gleich viele Aufnahmen wie optimal, niedrigste Passung so hoch "
            "wie möglich."
        ),
    },
}
CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem;color:#1a1a1a;line-height:1.4}
table{border-collapse:collapse;margin:1rem 0;width:100%}
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#e8eef5}caption{text-align:left;font-weight:bold;padding:.3rem 0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.flag{display:inline-block;padding:0 .3rem;border:1px solid #7a4b00;color:#7a4b00;
border-radius:.2rem;font-size:.85em;margin-right:.2rem}
.gap{background:#fff3cd}
"""


def _fmt(v: float | None) -> str:
    return "–" if v is None else f"{v:.3f}"


def _table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]], cls=None) -> str:
    out = [f"<table><caption>{escape(caption)}</caption><thead><tr>"]
    out += [f'<th scope="col">{escape(h)}</th>' for h in head]
    out.append("</tr></thead><tbody>")
    for k, row in enumerate(rows):
        c = f' class="{cls[k]}"' if cls and cls[k] else ""
        out.append(f"<tr{c}>" + "".join(row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _td(v: object, num: bool = False) -> str:
    return f'<td class="num">{escape(str(v))}</td>' if num else f"<td>{escape(str(v))}</td>"


def render_report(
    fit: FitMatrix,
    explanations: Sequence[Explanation],
    rules: Rules,
    mode: str,
    comparison: Sequence[dict] | None = None,
    lang: str = "en",
) -> str:
    t = TEXTS.get(lang, TEXTS["en"])
    reasons = REASON_TEXT_DE if lang == "de" else REASON_TEXT_EN
    tax = fit.taxonomy
    names_e = {e.id: e.name or e.id for e in fit.mentees}
    names_r = {r.id: r.name or r.id for r in fit.mentors}
    matched = [x for x in explanations if x.mentor_id]
    unmatched = [x for x in explanations if not x.mentor_id]
    # What the mentors offer, as against rules.places, the round's cap on tandems.
    offered = int(fit.capacity.sum())
    body = [f"<h1>{escape(t['title'])}</h1>", f"<h2>{escape(t['summary'])}</h2><ul>"]
    for label, value in (
        (t["applicants"], len(explanations)),
        (t["mentors"], len(fit.mentor_ids)),
        (t["places"], offered if rules.places is None else f"{offered} (max. {rules.places})"),
        (t["admitted"], len(matched)),
        (t["not_admitted"], len(unmatched)),
        (t["mode"], mode),
        (t["min_fit"], rules.min_fit),
    ):
        body.append(f"<li>{escape(label)}: {escape(str(value))}</li>")
    body.append("</ul>")

    if comparison:
        head = [
            t["mode"],
            t["admitted"],
            t["total_fit"],
            t["lowest_fit"],
            t["mean_fit"],
            t["blocking"],
            t["same"],
        ]
        rows = [
            [
                _td(c["mode"]),
                _td(c["admitted"], True),
                _td(_fmt(c["total_fit"]), True),
                _td(_fmt(c["lowest_fit"]), True),
                _td(_fmt(c["mean_fit"]), True),
                _td(c["blocking_pairs"], True),
                _td(c.get("same_pairs_as_optimal", "–"), True),
            ]
            for c in comparison
        ]
        body.append(_table(t["comparison"], head, rows))
        body.append(f"<p>{escape(t['modes_note'])}</p>")

    head = [t["mentee"], t["mentor"], t["score"], *COMPONENTS, t["flags"], t["why"]]
    rows = []
    for x in matched:
        flags = []
        if x.status == PINNED:
            flags.append(t["pinned"])
        if x.low_fit:
            flags.append(t["low_fit"])
        if x.close_call:
            flags.append(t["close_call"])
        flag_html = "".join(f'<span class="flag">{escape(f)}</span>' for f in flags)
        rows.append(
            [
                _td(f"{names_e.get(x.mentee_id, x.mentee_id)} ({x.mentee_id})"),
                _td(f"{names_r.get(x.mentor_id or '', x.mentor_id)} ({x.mentor_id})"),
                _td(_fmt(x.score), True),
                *(_td(_fmt(x.components.get(c)), True) for c in COMPONENTS),
                f"<td>{flag_html}</td>",
                _td(x.text),
            ]
        )
    body.append(_table(t["proposals"], head, rows))

    rows = [
        [
            _td(f"{names_e.get(x.mentee_id, x.mentee_id)} ({x.mentee_id})"),
            _td(reasons.get(x.status, x.status)),
            _td(render_detail(x.params, lang)),
        ]
        for x in unmatched
    ]
    if rows:
        body.append(_table(t["unmatched"], [t["mentee"], t["reason"], t["detail"]], rows))
    else:
        body.append(f"<h2>{escape(t['unmatched'])}</h2><p>{escape(t['none'])}</p>")

    if tax is not None:
        admitted_ids = {x.mentee_id for x in matched}
        any_c: Counter[str] = Counter()
        first_c: Counter[str] = Counter()
        adm_first: Counter[str] = Counter()
        for e in fit.mentees:
            any_c.update(set(e.topics))
            if e.topics:
                first_c[e.topics[0]] += 1
                if e.id in admitted_ids:
                    adm_first[e.topics[0]] += 1
        offer_c: Counter[str] = Counter()
        expert_c: Counter[str] = Counter()
        places_c: Counter[str] = Counter()
        for r in fit.mentors:
            for k, level in r.topics.items():
                offer_c[k] += 1
                places_c[k] += r.capacity
                expert_c[k] += level >= 3
        rows, cls = [], []
        for topic in tax.topics:
            k = topic.key
            rows.append(
                [
                    _td(topic.label(lang)),
                    _td(any_c[k], True),
                    _td(first_c[k], True),
                    _td(adm_first[k], True),
                    _td(offer_c[k], True),
                    _td(expert_c[k], True),
                    _td(places_c[k], True),
                ]
            )
            cls.append("gap" if first_c[k] > places_c[k] else "")
        head = [
            t["topic"],
            t["demand_any"],
            t["demand_first"],
            t["admitted_first"],
            t["mentors_offering"],
            t["experts"],
            t["places_offered"],
        ]
        body.append(_table(t["supply"], head, rows, cls))
        body.append(f'<p class="gap">{escape(t["gap"])}</p>')

    types = list(INSTITUTION_TYPES)
    for x in (*fit.mentees, *fit.mentors):
        if x.institution_type not in types:
            types.append(x.institution_type)
    admitted_ids = {x.mentee_id for x in matched}
    rows = []
    for ty in types:
        es = [e for e in fit.mentees if e.institution_type == ty]
        rs = [r for r in fit.mentors if r.institution_type == ty]
        if not es and not rs:
            continue
        label = INSTITUTION_TYPE_LABELS.get(ty, (ty, ty))[0 if lang == "de" else 1]
        rows.append(
            [
                _td(label),
                _td(len(es), True),
                _td(sum(e.id in admitted_ids for e in es), True),
                _td(len(rs), True),
                _td(sum(r.capacity for r in rs), True),
            ]
        )
    head = [t["type"], t["applicants"], t["admitted"], t["mentors"], t["places"]]
    body.append(_table(t["by_type"], head, rows))

    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(t['title'])}</title><style>{CSS}</style></head><body><main>"
        + "\n".join(body)
        + "</main></body></html>\n"
    )
