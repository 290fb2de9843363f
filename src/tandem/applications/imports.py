"""Import of applications collected elsewhere (a survey tool's CSV or XLSX export).

The flow is: read the file into a table (``read_table``), map its header row to our
fields (``guess_mapping`` proposes), validate every row and list all errors
(``validate_rows``), and only then write everything in one transaction
(``import_applications``). Nothing is written while a single row has an error.

Re-import rule (key: round + e-mail address): a row whose person already has an
application for the round *updates* it if that application came from an import and is
still "submitted"; otherwise the row is *skipped* — an application the person wrote
on the platform, or one the coordinators have already decided on, is never overwritten.

Consent rule: an import never creates, looks up or touches accounts. A new row becomes an
ImportedApplication and its person gets a link to confirm it (``imported.py``); the
Application exists only once the person confirms, logged in with the address verified.
All addresses go the same way, so no message, count or page tells the coordinators
whether an address has an account, and nobody is made a mentee without saying yes.
"""

import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from tandem.audit.services import log_action
from tandem.matching.engine import csvio
from tandem.programmes.enums import InstitutionType, RoleKind, SizeClass
from tandem.programmes.services import find_or_create_institution

from .enums import ApplicationSource, ApplicationState
from .models import Application, TopicChoice
from .services import set_favoured, sync_mentee_role

# Limits of one import file (stated on the upload page). They are checked while reading, so
# a file beyond them is turned away quickly, before it costs much time or memory: an XLSX
# file is a zip archive, and a few hundred KB of it can unpack to gigabytes of cells.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000  # rows of applications below the header row
MAX_COLUMNS = 60
MAX_UNPACKED_BYTES = 20 * 1024 * 1024  # all parts of an XLSX file together, unpacked
MAX_PACKING_RATIO = 200  # real spreadsheets pack 5–50 times; bombs thousands of times
MAX_ZIP_PARTS = 500
# Empty rows are skipped, but reading them costs time too: stop after this many in all.
MAX_SHEET_ROWS = 5 * MAX_ROWS
IMPORTED_CONSENT = "imported: consent collected by %(source)s"

# Our fields, in the order the mapping form shows them.
FIELDS: list[tuple[str, object]] = [
    ("email", gettext_lazy("E-mail address")),
    ("name", gettext_lazy("Name")),
    ("first_name", gettext_lazy("First name")),
    ("last_name", gettext_lazy("Last name")),
    ("institution", gettext_lazy("Institution")),
    ("institution_type", gettext_lazy("Type of institution")),
    ("position", gettext_lazy("Position")),
    ("expectations", gettext_lazy("Expectations")),
    ("topic_1", gettext_lazy("Focus topic, 1st choice")),
    ("topic_2", gettext_lazy("Focus topic, 2nd choice")),
    ("topic_3", gettext_lazy("Focus topic, 3rd choice")),
    ("topics", gettext_lazy("Focus topics (several in one column, best first)")),
    ("upcoming_projects", gettext_lazy("Upcoming projects")),
    ("languages", gettext_lazy("Languages")),
    ("availability", gettext_lazy("Availability")),
    ("how_heard", gettext_lazy("How they heard of the programme")),
    ("supervisor_informed", gettext_lazy("Supervisor informed")),
    ("favoured", gettext_lazy("Favoured in matching (1, yes or x)")),
]
FIELD_LABELS = dict(FIELDS)

# Header guesses, checked in this order; the first field whose phrase occurs wins.
_GUESSES: list[tuple[str, list[str]]] = [
    ("email", ["e mail", "email", "mail"]),
    (
        "name",
        [
            "vor und nachname",
            "vor und zuname",
            "full name",
            "vollstandiger name",
            "vollstaendiger name",
        ],
    ),
    ("first_name", ["vorname", "first name", "given name"]),
    ("last_name", ["nachname", "zuname", "familienname", "last name", "surname", "family name"]),
    (
        "institution_type",
        [
            "art der einrichtung",
            "einrichtungstyp",
            "typ der einrichtung",
            "einrichtungsart",
            "institution type",
            "type of institution",
        ],
    ),
    ("supervisor_informed", ["vorgesetzt", "fuhrungskraft", "fuehrungskraft", "supervisor"]),
    ("favoured", ["bevorzugt", "vorrang", "favorisiert", "favoured", "favored"]),
    ("how_heard", ["erfahren", "aufmerksam", "heard", "hear about"]),
    (
        "institution",
        [
            "einrichtung",
            "institution",
            "arbeitgeber",
            "employer",
            "bibliothek",
            "organisation",
            "organization",
            "library",
        ],
    ),
    ("name", ["name"]),
    ("position", ["position", "funktion", "stelle", "job", "taetigkeit", "tatigkeit"]),
    (
        "topic_1",
        [
            "thema 1",
            "1 wahl",
            "erste wahl",
            "erstwunsch",
            "prioritat 1",
            "prioritaet 1",
            "schwerpunkt 1",
            "topic 1",
            "first choice",
            "1st choice",
            "choice 1",
        ],
    ),
    (
        "topic_2",
        [
            "thema 2",
            "2 wahl",
            "zweite wahl",
            "zweitwunsch",
            "prioritat 2",
            "prioritaet 2",
            "schwerpunkt 2",
            "topic 2",
            "second choice",
            "2nd choice",
            "choice 2",
        ],
    ),
    (
        "topic_3",
        [
            "thema 3",
            "3 wahl",
            "dritte wahl",
            "drittwunsch",
            "prioritat 3",
            "prioritaet 3",
            "schwerpunkt 3",
            "topic 3",
            "third choice",
            "3rd choice",
            "choice 3",
        ],
    ),
    ("upcoming_projects", ["projekt", "project"]),
    ("expectations", ["erwartung", "expectation"]),
    ("topics", ["themen", "thema", "schwerpunkt", "topics", "topic", "focus"]),
    ("languages", ["sprache", "language"]),
    ("availability", ["verfugbar", "verfuegbar", "availab"]),
]


def _normalise_header(text: str) -> str:
    text = text.casefold().replace("ß", "ss")
    text = text.replace("ä", "a").replace("ö", "o").replace("ü", "u")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def guess_mapping(headers: list[str]) -> dict[str, int | None]:
    """Propose which column feeds which field, from German or English header names."""
    mapping: dict[str, int | None] = {name: None for name, _label in FIELDS}
    for index, header in enumerate(headers):
        norm = f" {_normalise_header(header)} "
        for name, phrases in _GUESSES:
            if mapping[name] is None and any(
                f" {p} " in norm or (" " not in p and p in norm) for p in phrases
            ):
                mapping[name] = index
                break
    return mapping


# --- reading files ---------------------------------------------------------------


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the file, cells)
    formula_cells: set[tuple[int, int]] = field(default_factory=set)  # (row number, column)
    broken_rows: dict[int, str] = field(default_factory=dict)


def read_table(content: bytes, filename: str) -> Table:
    """Read an uploaded file; raise ValidationError with a clear message if impossible."""
    if not content:
        raise ValidationError(_("The file is empty."))
    if len(content) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB. Please split it."))
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == "xlsx":
        table = _read_xlsx(content)
    elif extension in {"csv", "txt"}:
        table = _read_csv(content)
    else:
        raise ValidationError(_("Please upload a CSV or an Excel (XLSX) file."))
    if not any(table.headers):
        raise ValidationError(_("The first row of the file must name the columns."))
    if not table.rows:
        raise ValidationError(_("The file has a header row but no applications."))
    if len(table.rows) > MAX_ROWS:
        raise _too_many_rows()
    _refuse_nul_characters(table)
    return table


def _too_many_rows() -> ValidationError:
    return ValidationError(
        _("The file has more than %(n)s rows. Please split it.") % {"n": MAX_ROWS}
    )


def _too_many_columns() -> ValidationError:
    return ValidationError(
        _("The file has more than %(n)s columns. Please remove the columns that are not needed.")
        % {"n": MAX_COLUMNS}
    )


def _refuse_nul_characters(table: Table) -> None:
    """No text may hold a NUL character (PostgreSQL refuses to store one)."""
    for number, cells in [(1, table.headers), *table.rows]:
        for column, cell in enumerate(cells):
            if "\x00" in cell:
                raise ValidationError(
                    _(
                        "Row %(row)s, column %(column)s holds a NUL character (a zero byte), "
                        "which no text may contain. Please check the file or export it again."
                    )
                    % {"row": number, "column": column + 1}
                )


def decode_text(content: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252: the engine's one CSV decoding."""
    try:
        return csvio.decode(content)[0]
    except UnicodeDecodeError:
        raise ValidationError(
            _("The characters of this file could not be read. Please save it as CSV in UTF-8.")
        ) from None


def _read_csv(content: bytes) -> Table:
    if b"\x00" in content[:8192]:
        raise ValidationError(_("This is not a text (CSV) file. Please check the file type."))
    try:
        text = decode_text(content)
    except UnicodeDecodeError:
        raise ValidationError(_("The characters of this file could not be read.")) from None
    delimiter = csvio.sniff_delimiter(text)
    lines = []
    try:
        for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if len(lines) > MAX_SHEET_ROWS:
                raise _too_many_rows()
            if len(cells) > MAX_COLUMNS and any(cell.strip() for cell in cells[MAX_COLUMNS:]):
                raise _too_many_columns()
            lines.append(cells[:MAX_COLUMNS])
    except csv.Error as error:
        raise ValidationError(
            _("The file could not be read as CSV: %(error)s") % {"error": error}
        ) from None
    if not lines:
        raise ValidationError(_("The file is empty."))
    headers = [cell.strip() for cell in lines[0]]
    table = Table(headers=headers, rows=[])
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(headers) and any(c.strip() for c in cells[len(headers) :]):
            table.broken_rows[number] = _(
                "The row has %(cells)s cells but the header only %(headers)s columns "
                "(a separator or quote inside a text?)."
            ) % {"cells": len(cells), "headers": len(headers)}
        cells = (cells + [""] * len(headers))[: len(headers)]
        table.rows.append((number, [cell.strip() for cell in cells]))
    return table


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _load(content: bytes, data_only: bool):
    return load_workbook(io.BytesIO(content), read_only=True, data_only=data_only)


def _check_archive(content: bytes) -> None:
    """Refuse a zip that unpacks to too much, before openpyxl unpacks anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(
            _("The Excel file could not be read. Please save it again as XLSX.")
        ) from None
    unpacked = sum(part.file_size for part in parts)
    packed_tightly = any(
        part.file_size > 1024 * 1024
        and part.file_size > MAX_PACKING_RATIO * max(part.compress_size, 1)
        for part in parts
    )
    if len(parts) > MAX_ZIP_PARTS or unpacked > MAX_UNPACKED_BYTES or packed_tightly:
        raise ValidationError(
            _(
                "The Excel file unpacks to more than %(mb)s MB or is packed unusually tightly. "
                "Please save only the sheet with the applications, or save it as CSV."
            )
            % {"mb": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def _sheet_rows(book):
    """The first sheet's rows, at most MAX_COLUMNS + 1 cells wide, at most MAX_SHEET_ROWS.

    openpyxl pads every row to the sheet's width, so one cell far to the right (column
    XFD) would make each row 16,384 cells: only the header row is read in full.
    """
    sheet = book.worksheets[0]
    header = next(sheet.iter_rows(max_row=1, values_only=True), ())
    if any(cell not in (None, "") for cell in header[MAX_COLUMNS:]):
        raise _too_many_columns()
    for count, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)):
        if count > MAX_SHEET_ROWS:
            raise _too_many_rows()
        if len(row) > MAX_COLUMNS and row[MAX_COLUMNS] not in (None, ""):
            raise _too_many_columns()
        yield row[:MAX_COLUMNS]


def _read_xlsx(content: bytes) -> Table:
    if not content.startswith(b"PK"):
        raise ValidationError(_("This is not an Excel (XLSX) file. Please check the file type."))
    _check_archive(content)
    values = []
    formulas = []
    try:
        values_book = _load(content, data_only=True)
        formula_book = _load(content, data_only=False)
        # Both readings side by side, so that the limits stop both at once.
        filled = 0
        for value_row, formula_row in itertools.zip_longest(
            _sheet_rows(values_book), _sheet_rows(formula_book), fillvalue=()
        ):
            values.append(value_row)
            formulas.append(formula_row)
            filled += any(cell not in (None, "") for cell in formula_row)
            if filled > MAX_ROWS + 1:  # the header row and the applications
                raise _too_many_rows()
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        ValueError,
        OSError,
        IndexError,
        TypeError,
        ExpatError,
        ParseError,
    ):
        raise ValidationError(
            _("The Excel file could not be read. Please save it again as XLSX.")
        ) from None
    if not values:
        raise ValidationError(_("The file is empty."))
    headers = [_cell_text(cell) for cell in values[0]]
    while headers and not headers[-1]:
        headers.pop()
    table = Table(headers=headers, rows=[])
    for offset, row in enumerate(values[1:], start=1):
        number = offset + 1
        cells = [_cell_text(cell) for cell in row][: len(headers)]
        cells += [""] * (len(headers) - len(cells))
        formula_row = formulas[offset] if offset < len(formulas) else ()
        for column, raw in enumerate(formula_row[: len(headers)]):
            # A formula whose result was never stored (e.g. written by a script):
            # we cannot compute it, so the person must save the values in Excel.
            if isinstance(raw, str) and raw.startswith("=") and not cells[column]:
                table.formula_cells.add((number, column))
        if not any(cells) and not any(n == number for n, _c in table.formula_cells):
            continue
        table.rows.append((number, cells))
    return table


# --- validating rows ---------------------------------------------------------------


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportRow:
    number: int
    email: str
    name: str = ""
    institution: str = ""
    institution_type: str = ""
    position: str = ""
    expectations: str = ""
    topics: list = field(default_factory=list)
    upcoming_projects: str = ""
    languages: list[str] = field(default_factory=list)
    availability: str = ""
    how_heard: str = ""
    supervisor_informed: bool | None = None
    #: favoured in matching: None where the file has no such column (nothing changes)
    favoured: bool | None = None
    action: str = "new"  # "new", "update" or "skip"
    note: str = ""


_YES = {"ja", "j", "yes", "y", "true", "wahr", "1", "x"}
_NO = {"nein", "n", "no", "false", "falsch", "0"}
_LANGUAGES = {
    "de": "de",
    "deutsch": "de",
    "german": "de",
    "ger": "de",
    "deu": "de",
    "en": "en",
    "englisch": "en",
    "english": "en",
    "eng": "en",
}


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def split_topics(cell: str, topics: dict) -> list[str]:
    """Several topics in one cell: separated by ";", "|" or line breaks — or by commas when
    that is unambiguous (the parts are all known topics and the whole text is not one)."""
    parts = re.split(r"[;|\n]", cell)
    result = []
    for part in parts:
        pieces = [piece.strip() for piece in part.split(",")]
        if (
            len(pieces) > 1
            and _norm(part) not in topics
            and all(_norm(piece) in topics for piece in pieces if piece)
        ):
            result.extend(piece for piece in pieces if piece)
        else:
            result.append(part)
    return result


def _topic_lookup(round) -> dict[str, object]:
    lookup = {}
    for topic in round.programme.topics.all():
        for text in (topic.key, topic.label_de, topic.label_en):
            lookup[_norm(text)] = topic
    return lookup


# Common German names from survey forms, independent of the UI translation.
_TYPE_SYNONYMS = {
    "universität": InstitutionType.UNIVERSITY,
    "universitaet": InstitutionType.UNIVERSITY,
    "hochschule": InstitutionType.UNIVERSITY_OF_APPLIED_SCIENCES,
    "fachhochschule": InstitutionType.UNIVERSITY_OF_APPLIED_SCIENCES,
    "hochschule für angewandte wissenschaften": InstitutionType.UNIVERSITY_OF_APPLIED_SCIENCES,
    "haw": InstitutionType.UNIVERSITY_OF_APPLIED_SCIENCES,
    "forschungseinrichtung": InstitutionType.RESEARCH_INSTITUTE,
    "außeruniversitäre forschungseinrichtung": InstitutionType.RESEARCH_INSTITUTE,
    "landesbibliothek": InstitutionType.STATE_LIBRARY,
    "staatsbibliothek": InstitutionType.STATE_LIBRARY,
    "regionalbibliothek": InstitutionType.STATE_LIBRARY,
    "sonstige": InstitutionType.OTHER,
    "andere": InstitutionType.OTHER,
}


def _type_lookup() -> dict[str, str]:
    lookup = {key: str(value) for key, value in _TYPE_SYNONYMS.items()}
    for value, _label in InstitutionType.choices:
        lookup[_norm(value)] = value
        for language in ("de", "en"):
            with translation.override(language):
                lookup[_norm(str(InstitutionType(value).label))] = value
    return lookup


def validate_rows(round, table: Table, mapping: dict[str, int | None]):
    """Check every row; return (rows, errors). All errors, not just the first."""
    errors: list[RowError] = []
    rows: list[ImportRow] = []
    topics = _topic_lookup(round)
    types = _type_lookup()
    seen: dict[str, int] = {}
    columns = {name: index for name, index in mapping.items() if index is not None}
    header = {name: table.headers[index] or FIELD_LABELS[name] for name, index in columns.items()}

    emails = set()
    for _number, cells in table.rows:
        if "email" in columns:
            emails.add(cells[columns["email"]].strip().lower())
    existing_apps = {
        a.person.email: a
        for a in Application.objects.filter(round=round, person__email__in=emails).select_related(
            "person"
        )
    }
    imported = {i.email: i for i in round.imported_applications.filter(email__in=emails)}
    mentors = set(
        round.roles.filter(role=RoleKind.MENTOR, person__email__in=emails).values_list(
            "person__email", flat=True
        )
    )

    for number, cells in table.rows:

        def value(name, cells=cells):
            return cells[columns[name]].strip() if name in columns else ""

        def error(name, message, number=number):
            errors.append(
                RowError(number, header.get(name, FIELD_LABELS.get(name, name)), str(message))
            )

        if number in table.broken_rows:
            errors.append(RowError(number, "–", table.broken_rows[number]))
        for row_number, column in table.formula_cells:
            if row_number == number and column in columns.values():
                errors.append(
                    RowError(
                        number,
                        table.headers[column],
                        _(
                            "The cell holds a formula without a stored result. "
                            "Please open the file "
                            "in Excel, save it, or paste the values only."
                        ),
                    )
                )

        email = value("email").lower()
        try:
            validate_email(email)
        except ValidationError:
            error(
                "email",
                _("“%(value)s” is not a valid e-mail address.") % {"value": email}
                if email
                else _("The e-mail address is missing."),
            )
        if email and email in seen:
            error(
                "email",
                _("The same e-mail address is already in row %(row)s.") % {"row": seen[email]},
            )
        seen.setdefault(email, number)
        if email in mentors:
            error("email", _("This person is a mentor in this round."))

        row = ImportRow(number=number, email=email)
        row.name = value("name") or " ".join(
            part for part in (value("first_name"), value("last_name")) if part
        )
        if not row.name:
            error("name", _("The name is missing."))
        row.institution = value("institution")
        type_text = value("institution_type")
        if type_text:
            row.institution_type = types.get(_norm(type_text), "")
            if not row.institution_type:
                error(
                    "institution_type",
                    _("Unknown type of institution “%(value)s”.") % {"value": type_text},
                )
        for name in ("position", "expectations", "upcoming_projects", "availability", "how_heard"):
            setattr(row, name, value(name))

        named = [(f"topic_{i}", value(f"topic_{i}")) for i in (1, 2, 3)]
        named += [("topics", part) for part in split_topics(value("topics"), topics)]
        for name, text in ((n, t.strip()) for n, t in named):
            if not text:
                continue
            topic = topics.get(_norm(text))
            if topic is None:
                error(
                    name,
                    _("Unknown topic “%(value)s” (use the key or the German or English label).")
                    % {"value": text},
                )
            elif topic in row.topics:
                error(name, _("The topic “%(value)s” is named twice.") % {"value": text})
            else:
                row.topics.append(topic)
        if len(row.topics) > 3:
            error("topics", _("At most three focus topics, please."))

        for part in re.split(r"[,;/|\n]|\bund\b|\band\b", value("languages")):
            part = _norm(part)
            if not part:
                continue
            code = _LANGUAGES.get(part)
            if code is None:
                error(
                    "languages",
                    _("Unknown language “%(value)s” (German or English).") % {"value": part},
                )
            elif code not in row.languages:
                row.languages.append(code)

        informed = _norm(value("supervisor_informed"))
        if informed in _YES:
            row.supervisor_informed = True
        elif informed in _NO:
            row.supervisor_informed = False
        elif informed:
            error(
                "supervisor_informed",
                _("Please answer yes or no, not “%(value)s”.") % {"value": informed},
            )

        if "favoured" in columns:
            # a flag column, as in the matching spreadsheets: empty means not favoured
            flag = _norm(value("favoured"))
            row.favoured = flag in _YES
            if flag and flag not in _YES | _NO:
                error(
                    "favoured",
                    _("Please answer yes or no, not “%(value)s”.") % {"value": flag},
                )

        application = existing_apps.get(email)
        pending = imported.get(email)
        if pending is not None and pending.declined_at:
            row.action = "skip"
            row.note = _("The person declined this imported application; it is kept so.")
        elif pending is not None and pending.confirmed_at is None:
            row.action = "update"
        if application is not None:
            if (
                application.source == ApplicationSource.IMPORT
                and application.state == ApplicationState.SUBMITTED
            ):
                row.action = "update"
            else:
                row.action = "skip"
                row.note = _("An application exists already (%(state)s); it is kept.") % {
                    "state": application.get_state_display()
                }
        rows.append(row)
    errors.sort(key=lambda e: e.row)
    return rows, errors


# --- writing -----------------------------------------------------------------------

ROW_FIELDS = (
    "institution",
    "institution_type",
    "position",
    "expectations",
    "upcoming_projects",
    "languages",
    "availability",
    "how_heard",
    "supervisor_informed",
)


def row_data(row: ImportRow) -> dict:
    """A row as JSON-ready data (topics as ids, best first), kept until the person confirms."""
    data = {name: getattr(row, name) for name in ROW_FIELDS}
    data["topics"] = [topic.pk for topic in row.topics]
    data["favoured"] = row.favoured
    return data


def apply_favoured(application: Application, data: dict, by) -> None:
    """The import's favoured flag, set as a coordinator sets it (logged); a file without
    the column leaves the flag as it is."""
    if data.get("favoured") is not None:
        set_favoured(application=application, favoured=data["favoured"], by=by)


def fill_application(application: Application, data: dict, source: str, now) -> Application:
    """Write a row's data into an application (a confirmed import or a re-import)."""
    institution = None
    if data.get("institution"):
        institution = find_or_create_institution(
            name=data["institution"],
            type=data.get("institution_type") or InstitutionType.OTHER,
            size_class=SizeClass.MEDIUM,
        )
    application.institution = institution or application.person.institution
    for name in ROW_FIELDS[2:]:
        setattr(application, name, data.get(name) or "")
    application.languages = data.get("languages") or []
    application.supervisor_informed = data.get("supervisor_informed")
    application.consent_at = now
    application.privacy_notice_version = (IMPORTED_CONSENT % {"source": source})[:100]
    application.save()
    application.topic_choices.all().delete()
    topics = {
        t.pk: t for t in application.round.programme.topics.filter(pk__in=data.get("topics", []))
    }
    TopicChoice.objects.bulk_create(
        TopicChoice(application=application, topic=topics[pk], rank=rank)
        for rank, pk in enumerate((pk for pk in data.get("topics", []) if pk in topics), start=1)
    )
    return application


@transaction.atomic
def import_applications(*, round, rows: list[ImportRow], source: str, by) -> dict[str, int]:
    """Write validated rows; all or nothing.

    Rows for addresses with an application in the round update it (see the re-import
    rule); every other row waits for its person's confirmation, whose mail waits in the
    outbox for review.
    """
    from .imported import hold_for_confirmation

    counts = {"new": 0, "update": 0, "skip": 0}
    now = timezone.now()
    for row in rows:
        counts[row.action] += 1
        if row.action == "skip":
            continue
        application = Application.objects.filter(
            round=round, person__email__iexact=row.email
        ).first()
        if application is None:
            hold_for_confirmation(round=round, row=row, data=row_data(row), source=source, by=by)
            continue
        fill_application(application, row_data(row), source, now)
        apply_favoured(application, row_data(row), by)
        log_action(
            by,
            "application.imported",
            application,
            programme_round=round,
            data={"created": False, "source": source},
        )
        sync_mentee_role(application, by)
    return counts
