"""One institution identity: the key under which two spellings of one house compare equal.

The cross-mentoring rule (mentor and mentee from different institutions) depends on it, so
the engine, the spreadsheet command and the web app's institution lookup all use this one
function (no Django here).

* Library words and abbreviations fold: "UB Musterstadt" = "Universitätsbibliothek
  Musterstadt" = "University of Musterstadt" = "Universität Musterstadt"; "Hochschule
  Musterstadt" stays different.
* Branch, faculty, department and campus libraries belong to their university or college:
  "Fachbibliothek Medizin der Universität Nordstadt" = "Universität Nordstadt", "Campus-
  bibliothek Ostheim der TH Donaustadt" = "Technische Hochschule Donaustadt",
  "Hochschule X – Campusbibliothek Y" = "Hochschule X". Without a named parent the branch
  library stays on its own (nothing to attach it to).
* Different institutes of one research organisation stay different ("Max-Planck-Institut
  für A" ≠ "Max-Planck-Institut für B"): every distinguishing word is kept.
"""

from __future__ import annotations

import re

from .text import normalise

_REWRITE = (
    (re.compile(r"\buniversitaetsbibliothek\b"), "universitaet"),
    (re.compile(r"\bhochschulbibliothek\b"), "hochschule"),
    (re.compile(r"\buniversity\b"), "universitaet"),
    (re.compile(r"\b(?:ub|uni|univ)\b"), "universitaet"),
    (re.compile(r"\btu\b"), "technische universitaet"),
    (re.compile(r"\bth\b"), "technische hochschule"),
    (re.compile(r"\bfh\b"), "fachhochschule"),
    (re.compile(r"\bhs\b"), "hochschule"),
    (re.compile(r"\binstituts\b"), "institut"),
)
_DROP = frozenset(
    [
        "bibliothek",
        "library",
        "libraries",
        "zentralbibliothek",
        "der",
        "des",
        "die",
        "the",
        "of",
        "und",
        "and",
        "fuer",
        "for",
        "in",
        "im",
        "at",
        "zu",
        "e",
        "v",
        "ev",
    ]
)
#: a library that is part of a larger house
_BRANCH = re.compile(
    r"^(?:fach|zweig|bereichs|teil|campus|fakultaets|standort|seminar|instituts|abteilungs|"
    r"fachbereichs|institut)bibliothek(?:en)?$|^(?:branch|campus|faculty|departmental)$"
)
#: words that end the branch part: "Fachbibliothek Chemie | der | Universität X"
_STOP = frozenset(["|", "der", "des", "of", "at", "an", "am"])
#: words that name a parent house a branch library can belong to
_PARENT = frozenset(
    [
        "universitaet",
        "hochschule",
        "fachhochschule",
        "college",
        "technische",
        "paedagogische",
        "kunsthochschule",
        "musikhochschule",
    ]
)


def _without_branch(words: list[str]) -> list[str]:
    for k, w in enumerate(words):
        if not _BRANCH.match(w):
            continue
        end = k + 1
        if w in {"branch", "campus", "faculty", "departmental"}:
            if end < len(words) and words[end] in {"library", "libraries"}:
                end += 1
            else:
                continue
        while end < len(words) and words[end] not in _STOP:
            end += 1
        rest = words[:k] + words[end:]
        if any(x in _PARENT for x in rest):
            return rest
    return words


def normalise_institution(name: str) -> str:
    """Key of an institution name (see the module docstring). Empty for an empty name."""
    t = normalise(name or "")
    t = re.sub(r"\s[-–—]\s|[,;/()]", " | ", t)
    t = re.sub(r"[^a-z0-9|]+", " ", t)
    for pat, rep in _REWRITE:
        t = pat.sub(rep, t)
    words = _without_branch(t.split())
    return " ".join(sorted({w for w in words if w not in _DROP and w != "|"}))


def likely_same(a: str, b: str) -> bool:
    """Two names that probably mean one house: the same key, or every distinguishing word
    of one also in the other (at least two words), e.g. "Universität Nordstadt" and
    "Universität Nordstadt Medizinische Fakultät". For coordinators to check, not a rule."""
    ka, kb = normalise_institution(a), normalise_institution(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    wa, wb = set(ka.split()), set(kb.split())
    small, large = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(small) >= 2 and small <= large
