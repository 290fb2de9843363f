"""Spreadsheet files: read and validate mentors/mentees CSV, write proposals CSV.

Files may be UTF-8 (with or without BOM) or Windows-1252, separated by ",", ";" or tab, as
spreadsheet programs export them; both are detected unless given. Every problem is
collected with file, row (as the spreadsheet shows it: the header is row 1) and column.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .explain import Explanation
from .model import COMPONENTS, Mentee, Mentor
from .taxonomy import INSTITUTION_TYPE_LABELS, INSTITUTION_TYPES, SIZE_CLASSES, Taxonomy

MENTOR_COLUMNS = (
    "id",
    "name",
    "email",
    "institution",
    "institution_type",
    "topics",
    "profile",
    "languages",
    "capacity",
)
MENTEE_COLUMNS = (
    "id",
    "name",
    "email",
    "institution",
    "institution_type",
    "topics",
    "expectations",
    "projects",
    "languages",
    "preferred_mentors",
    "priority",
)
OPTIONAL_COLUMNS = ("institution_size",)
PROPOSAL_COLUMNS = (
    "mentee_id",
    "mentor_id",
    "score",
    "low_fit",
    "close_call",
    "reason",
    "explanation",
    *(f"{c}_fit" for c in COMPONENTS),
)
_SPLIT = re.compile(r"[;,|/\s]+")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


class InputError(Exception):
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Table:
    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (spreadsheet row number, values)
    delimiter: str
    encoding: str


# The one CSV reading of the project: the command line and the web app's application
# import both decode and guess the separator here (this module stays free of Django).
DELIMITERS = (";", ",", "\t")  # on a tie the first wins: German Excel writes ";"


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Text and encoding: UTF-8 (with or without BOM), else Windows-1252 — what survey
    tools and Excel write. Raises UnicodeDecodeError when neither fits."""
    if encoding:
        return data.decode(encoding), encoding
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"


def sniff_delimiter(text: str) -> str:
    """The separator of the header line, not counting what stands inside quotes."""
    first = re.sub(r'"[^"]*"', "", text.split("\n", 1)[0])
    counts = {delimiter: first.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=counts.get)
    return best if counts[best] else ","


def read_table(
    path: str | Path,
    expected: Sequence[str],
    problems: list[Problem],
    encoding: str | None = None,
    delimiter: str | None = None,
) -> Table | None:
    name = Path(path).name
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        problems.append(Problem(name, None, None, f"cannot read the file ({exc.strerror})"))
        return None
    try:
        text, enc = decode(data, encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        problems.append(Problem(name, None, None, f"cannot decode the file: {exc}"))
        return None
    delim = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem(name, 1, None, "the file is empty"))
        return None
    header = [h.strip().lower() for h in header]
    missing = [c for c in expected if c not in header]
    for c in missing:
        problems.append(Problem(name, 1, c, "missing column"))
    for c in sorted({h for h in header if header.count(h) > 1 and h}):
        problems.append(Problem(name, 1, c, "column appears more than once"))
    if missing:
        return None
    rows = []
    for rownum, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header) and any(v.strip() for v in values[len(header) :]):
            problems.append(
                Problem(name, rownum, None, f"{len(values)} fields, header has {len(header)}")
            )
        record = {h: (values[k].strip() if k < len(values) else "") for k, h in enumerate(header)}
        rows.append((rownum, record))
    return Table(name, header, rows, delim, enc)


def _institution_type(value: str) -> str | None:
    v = value.strip().casefold()
    for key in INSTITUTION_TYPES:
        de, en = INSTITUTION_TYPE_LABELS[key]
        if v in (key, de.casefold(), en.casefold()):
            return key
    return None


def _languages(value: str) -> frozenset[str]:
    return frozenset(x.casefold() for x in _SPLIT.split(value) if x)


def _common(
    t: Table, rownum: int, rec: dict[str, str], ids: set[str], problems: list[Problem]
) -> dict | None:
    bad = len(problems)
    rid = rec["id"]
    if not rid:
        problems.append(Problem(t.name, rownum, "id", "empty id"))
    elif rid in ids:
        problems.append(Problem(t.name, rownum, "id", f"duplicate id '{rid}'"))
    ids.add(rid)
    if not rec["institution"]:
        problems.append(Problem(t.name, rownum, "institution", "empty institution"))
    itype = _institution_type(rec["institution_type"])
    if itype is None:
        allowed = ", ".join(INSTITUTION_TYPES)
        problems.append(
            Problem(
                t.name,
                rownum,
                "institution_type",
                f"unknown institution type '{rec['institution_type']}' (use one of {allowed})",
            )
        )
    langs = _languages(rec["languages"])
    if not langs:
        problems.append(Problem(t.name, rownum, "languages", "no language given (e.g. de;en)"))
    elif any(not re.fullmatch(r"[a-z]{2,3}", x) for x in langs):
        problems.append(
            Problem(t.name, rownum, "languages", f"'{rec['languages']}' is not like de;en")
        )
    email = rec.get("email", "")
    if email and "@" not in email:
        problems.append(Problem(t.name, rownum, "email", f"'{email}' is not an e-mail address"))
    size = rec.get("institution_size", "").casefold() or None
    if size is not None and size not in SIZE_CLASSES:
        problems.append(
            Problem(t.name, rownum, "institution_size", f"'{size}' is not small, medium or large")
        )
    if len(problems) > bad:
        return None
    return {
        "id": rid,
        "name": rec["name"],
        "email": email,
        "institution": rec["institution"],
        "institution_type": itype,
        "languages": langs,
        "institution_size": size,
    }


def _mentor(
    t: Table, rownum: int, rec: dict[str, str], tax: Taxonomy, ids: set[str], pr: list[Problem]
) -> Mentor | None:
    bad = len(pr)
    base = _common(t, rownum, rec, ids, pr)
    topics: dict[str, int] = {}
    for item in (x.strip() for x in rec["topics"].split(";")):
        if not item:
            continue
        key, _, level = item.partition(":")
        k = tax.resolve(key)
        if k is None:
            pr.append(Problem(t.name, rownum, "topics", f"unknown topic key '{key.strip()}'"))
            continue
        if not level.strip():
            lv = 2
        elif level.strip() in ("1", "2", "3"):
            lv = int(level)
        else:
            pr.append(
                Problem(t.name, rownum, "topics", f"level '{level}' of '{k}' is not 1, 2 or 3")
            )
            continue
        topics[k] = max(lv, topics.get(k, 0))
    if not rec["topics"].strip():
        pr.append(Problem(t.name, rownum, "topics", "no topics given (e.g. diamond_oa:3)"))
    cap_text = rec["capacity"].strip()
    capacity = None
    try:
        capacity = int(cap_text)
        if capacity < 0:
            pr.append(Problem(t.name, rownum, "capacity", f"capacity {capacity} is negative"))
    except ValueError:
        pr.append(Problem(t.name, rownum, "capacity", f"'{cap_text}' is not a whole number"))
    if len(pr) > bad or base is None or capacity is None:
        return None
    return Mentor(topics=topics, profile=rec["profile"], capacity=capacity, **base)


def _mentee(
    t: Table,
    rownum: int,
    rec: dict[str, str],
    tax: Taxonomy,
    ids: set[str],
    mentor_ids: set[str] | None,
    pr: list[Problem],
) -> Mentee | None:
    bad = len(pr)
    base = _common(t, rownum, rec, ids, pr)
    topics = []
    for item in (x.strip() for x in rec["topics"].split(";")):
        if not item:
            continue
        k = tax.resolve(item.partition(":")[0])
        if k is None:
            pr.append(Problem(t.name, rownum, "topics", f"unknown topic key '{item}'"))
        elif k not in topics:
            topics.append(k)
    prefs = [x for x in _SPLIT.split(rec["preferred_mentors"]) if x]
    if mentor_ids is not None:
        for x in prefs:
            if x not in mentor_ids:
                pr.append(
                    Problem(t.name, rownum, "preferred_mentors", f"unknown preferred mentor '{x}'")
                )
    favoured = parse_flag(rec["priority"])
    if favoured is None:
        pr.append(
            Problem(
                t.name,
                rownum,
                "priority",
                f"'{rec['priority'].strip()}' is not a flag "
                "(use 1, yes, x, ja, true or leave it empty)",
            )
        )
    if len(pr) > bad or base is None:
        return None
    return Mentee(
        topics=tuple(topics),
        expectations=rec["expectations"],
        projects=rec["projects"],
        preferred_mentors=tuple(dict.fromkeys(prefs)),
        favoured=bool(favoured),
        **base,
    )


_FLAG_TRUE = frozenset({"1", "yes", "y", "x", "ja", "j", "true", "wahr", "priority", "prio"})
_FLAG_FALSE = frozenset({"", "0", "no", "n", "nein", "false", "falsch", "-"})


def parse_flag(text: str) -> bool | None:
    """A spreadsheet flag as coordinators write it: `1`, `yes`, `x`, `ja`, `true` (any case).

    Empty, `0`, `no`, `nein`, `false` mean "not set"; older files with a positive number
    (a weight) count as set; anything else is None (an input error).
    """
    value = (text or "").strip().casefold()
    if value in _FLAG_TRUE:
        return True
    if value in _FLAG_FALSE:
        return False
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")) or number < 0:
        return None
    return number > 0


@dataclass
class RoundFiles:
    mentors: list[Mentor]
    mentees: list[Mentee]
    delimiter: str
    encoding: str


def read_round(
    mentors_path: str | Path,
    mentees_path: str | Path,
    taxonomy: Taxonomy,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> RoundFiles:
    """Read both files; raise InputError listing every problem found in either."""
    problems: list[Problem] = []
    tm = read_table(mentors_path, MENTOR_COLUMNS, problems, encoding, delimiter)
    te = read_table(mentees_path, MENTEE_COLUMNS, problems, encoding, delimiter)
    mentors: list[Mentor] = []
    mentees: list[Mentee] = []
    mentor_ids: set[str] | None = None
    if tm is not None:
        ids: set[str] = set()
        for rownum, rec in tm.rows:
            m = _mentor(tm, rownum, rec, taxonomy, ids, problems)
            if m is not None:
                mentors.append(m)
        mentor_ids = ids
        if not tm.rows:
            problems.append(Problem(tm.name, None, None, "no mentors in the file"))
    if te is not None:
        ids = set()
        for rownum, rec in te.rows:
            e = _mentee(te, rownum, rec, taxonomy, ids, mentor_ids, problems)
            if e is not None:
                mentees.append(e)
        if not te.rows:
            problems.append(Problem(te.name, None, None, "no mentees in the file"))
    if problems:
        raise InputError(problems)
    assert te is not None
    return RoundFiles(mentors, mentees, te.delimiter, te.encoding)


def proposal_rows(explanations: Sequence[Explanation]) -> list[dict[str, str]]:
    rows = []
    for ex in explanations:
        row = {
            "mentee_id": ex.mentee_id,
            "mentor_id": ex.mentor_id or "",
            "score": f"{ex.score:.3f}" if ex.score is not None else "",
            "low_fit": "yes" if ex.low_fit else "no",
            "close_call": "yes" if ex.close_call else "no",
            "reason": ex.status,
            "explanation": ex.text,
        }
        for c in COMPONENTS:
            v = ex.components.get(c)
            row[f"{c}_fit"] = f"{v:.3f}" if v is not None else ""
        rows.append(row)
    return rows


def write_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write via a temporary file in the same folder, so a failure leaves no half file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def proposals_csv(
    explanations: Sequence[Explanation], delimiter: str = ",", *, placed: bool | None = None
) -> str:
    """Proposals as CSV: placed=True only the pairs (one row per admitted applicant),
    placed=False only the applicants left out (with reasons), None both."""
    chosen = [ex for ex in explanations if placed is None or (ex.mentor_id is not None) == placed]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=PROPOSAL_COLUMNS, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(proposal_rows(chosen))
    return buf.getvalue()
