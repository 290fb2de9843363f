"""What a text says besides its topics: refusals and limits, vagueness, needs outside the field.

Coordinators read applications the way this module does, with three habits:

* **Negation.** "Ich möchte nicht selbst programmieren" is not a programming need, and a
  mentor's "Programmieren gehört nicht zu meinen Aufgaben" is a limit, not an offer. A
  clause is *refused* (mentee) when a negation stands next to a wish verb, and a *limit*
  (mentor) when a negation stands next to the first person or a limit phrase ("der falsche
  Ansprechpartner", "kann ich wenig beitragen"). Only such clauses are cut: "Ich habe keine
  Programmiererfahrung" describes a need and stays.
* **Vagueness.** An application without a concrete task or project ("keine konkreten
  Projekte", "noch nicht festgelegt", "Kontakte knüpfen") ranks below concrete ones.
* **Needs outside the programme.** Some central needs (legal drafting, software
  development, records management …) are outside what mentors of an OA & bibliometrics
  programme usually offer. When an applicant's text is dominated by one of them and no
  mentor's profile offers it, the honest answer is "no mentor offers <need>", in the
  applicant's own words.

Everything here is generic vocabulary (data in `taxonomy.OUTSIDE_NEEDS`), never a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import normalise

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
# a contrast starts a new clause: "kann ich nicht leisten, aber viel Praxiswissen weitergeben"
_CONTRAST = re.compile(r",\s*(?=(?:aber|sondern|jedoch|doch|but|however|yet)\b)", re.I)
_WORD = re.compile(r"[a-z0-9]+")

NEGATIONS = frozenset(
    [
        "nicht",
        "kein",
        "keine",
        "keinen",
        "keiner",
        "keinem",
        "keines",
        "nie",
        "niemals",
        "not",
        "no",
        "never",
        "cannot",
        "cant",
        "dont",
        "doesnt",
        "wont",
        "don",
        "doesn",
    ]
)
FIRST_PERSON = frozenset(
    [
        "ich",
        "mir",
        "mich",
        "mein",
        "meine",
        "meinen",
        "meiner",
        "meinem",
        "i",
        "me",
        "my",
        "im",
        "ive",
    ]
)
WISH = frozenset(
    [
        "moechte",
        "moechten",
        "will",
        "wollen",
        "wuerde",
        "wuerden",
        "want",
        "wants",
        "wish",
        "would",
        "like",
        "interesse",
        "interested",
    ]
)
#: phrases that state a mentor's limit without a plain negation word
LIMIT_PHRASES = (
    "falsche ansprechpartner",
    "falsche ansprechpartnerin",
    "wenig beitragen",
    "nicht mein feld",
    "nicht meine staerke",
    "ausserhalb meiner",
    "outside my",
    "not my field",
    "wrong person",
)
WINDOW = 3


def clauses(text: str) -> list[str]:
    out = []
    for sentence in _SENTENCE.split(text or ""):
        out.extend(part for part in _CONTRAST.split(sentence) if part.strip())
    return out


def _near(words: list[str], cues: frozenset[str], anchors: frozenset[str]) -> bool:
    for k, w in enumerate(words):
        if w in cues and any(x in anchors for x in words[max(0, k - WINDOW) : k + WINDOW + 1]):
            return True
    return False


def is_limit(clause: str) -> bool:
    """A mentor's clause that says what they do not offer."""
    t = normalise(clause)
    words = _WORD.findall(t)
    return any(p in t for p in LIMIT_PHRASES) or _near(words, NEGATIONS, FIRST_PERSON)


def is_refusal(clause: str) -> bool:
    """A mentee's clause that says what they do not want."""
    t = normalise(clause)
    words = _WORD.findall(t)
    return _near(words, NEGATIONS, WISH) or "kein interesse" in t or "no interest" in t


def split_negated(text: str, *, mentor: bool) -> tuple[str, str]:
    """(what the text offers or asks for, what it rules out)."""
    test = is_limit if mentor else is_refusal
    kept, negated = [], []
    for clause in clauses(text):
        (negated if test(clause) else kept).append(clause)
    return " ".join(kept), " ".join(negated)


# -- vagueness ------------------------------------------------------------------------------
VAGUE_CUES = (
    "keine konkreten",
    "keine konkrete",
    "kein konkretes",
    "keinen konkreten",
    "kein bestimmtes",
    "keine bestimmte",
    "noch nicht festgelegt",
    "noch offen",
    "noch unklar",
    "berufliche zukunft",
    "berufliche orientierung",
    "beruflichen orientierung",
    "ein feld fuer mich",
    "netzwerk",
    "kontakte knuepfen",
    "einblicke",
    "umschauen",
    "umsehen",
    "reinschnuppern",
    "fuer alle themen offen",
    "lasse mich gern ueberraschen",
    "einfach mal",
    "no concrete",
    "not yet decided",
    "not decided yet",
    "networking",
    "career orientation",
    "look around",
    "open to any topic",
    "open to all topics",
)
#: this many distinct cues make an application vague
VAGUE_MIN_CUES = 2


def vagueness(text: str) -> int:
    """Number of distinct vagueness cues in an application's text."""
    t = " " + " ".join(_WORD.findall(normalise(text)))
    return sum(1 for cue in VAGUE_CUES if " " + cue in t)


# -- needs outside the programme ------------------------------------------------------------
@dataclass(frozen=True)
class OutsideNeed:
    key: str
    label_de: str
    label_en: str
    #: normalised word beginnings ("vergaberecht" finds "vergaberechtskonform")
    stems: tuple[str, ...]


@dataclass
class OutsideHit:
    key: str
    count: int  # distinct stems found
    phrase: str  # the clause of the text that carries most of them, as written


_PATTERNS: dict[tuple[str, ...], re.Pattern] = {}


def _pattern(need: OutsideNeed) -> re.Pattern:
    """One regular expression per need: short cues at a word's start, long cues (>= 7
    letters, often inside compounds: "vergaberechtskonform") anywhere, multi-word cues
    as written. A match's text is the cue itself."""
    found = _PATTERNS.get(need.stems)
    if found is None:
        short = [re.escape(x) for x in need.stems if len(x) < 7 or " " in x]
        long = [re.escape(x) for x in need.stems if len(x) >= 7 and " " not in x]
        parts = ([rf"\b(?:{'|'.join(short)})"] if short else []) + (
            [f"(?:{'|'.join(long)})"] if long else []
        )
        found = _PATTERNS[need.stems] = re.compile("|".join(parts) or r"(?!)")
    return found


_ANY: dict[int, tuple[tuple[OutsideNeed, ...], tuple[str, ...], re.Pattern]] = {}


def _any_need(needs: tuple[OutsideNeed, ...]) -> tuple[tuple[str, ...], re.Pattern]:
    """All cues of these needs, and one pattern for any of them (kept per tuple of needs:
    the taxonomy's tuple is the same object for every text of a round)."""
    kept = _ANY.get(id(needs))
    if kept is None or kept[0] is not needs:
        cues = tuple(dict.fromkeys(s for need in needs for s in need.stems))
        pattern = re.compile("|".join(_pattern(n).pattern for n in needs) or r"(?!)")
        kept = _ANY[id(needs)] = (needs, cues, pattern)
    return kept[1], kept[2]


def _clause_hits(clause: str, need: OutsideNeed) -> set[str]:
    text = " ".join(_WORD.findall(normalise(clause)))
    return set(_pattern(need).findall(text))


def outside_hits(text: str, needs: tuple[OutsideNeed, ...]) -> list[OutsideHit]:
    """Outside needs found in a text, most distinct words first, with the carrying clause."""
    whole = " ".join(_WORD.findall(normalise(text)))
    cues, anything = _any_need(needs)
    # most texts carry no cue at all: plain substring tests (a superset of the pattern's
    # matches) answer that several times faster than the regular expression
    if not any(cue in whole for cue in cues) or not anything.search(whole):
        return []
    parts = clauses(text)
    out = []
    for need in needs:
        if not _pattern(need).search(whole):
            continue
        per_clause = [_clause_hits(c, need) for c in parts]
        found = set().union(*per_clause) if per_clause else set()
        if not found:
            continue
        best = max(range(len(parts)), key=lambda k: len(per_clause[k]))
        out.append(OutsideHit(need.key, len(found), _excerpt(parts[best], need)))
    return sorted(out, key=lambda h: -h.count)


def _excerpt(clause: str, need: OutsideNeed, before: int = 3, after: int = 5) -> str:
    """The words around the need's cues in a clause, as written ("… juristischen
    Ausgestaltung des Lizenzvertrags und beim Vergabeverfahren …")."""
    raw = clause.split()
    hit = [k for k, w in enumerate(raw) if _clause_hits(w, need)]
    if not hit:
        return shorten(clause)
    start, stop = max(0, hit[0] - before), min(len(raw), hit[-1] + after + 1)
    if stop - start > 18:
        stop = start + 18
    text = " ".join(raw[start:stop]).strip(" ,;:.")
    return ("… " if start else "") + text + (" …" if stop < len(raw) else "")


def shorten(clause: str, limit: int = 160) -> str:
    clause = " ".join(clause.split()).strip(" ,;:.")
    return clause if len(clause) <= limit else clause[: limit - 1].rsplit(" ", 1)[0] + " …"
