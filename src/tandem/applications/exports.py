"""Export of applications as CSV (UTF-8 with BOM, ';') and XLSX, safe for spreadsheets.

Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
get a leading apostrophe, so an applicant's text can never execute in Excel.
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _yes_no(value) -> str:
    return "" if value is None else (_("yes") if value else _("no"))


def application_rows(applications) -> tuple[list[str], list[list[str]]]:
    headers = [
        _("E-mail address"),
        _("Name"),
        _("Institution"),
        _("Type of institution"),
        _("Position"),
        _("State"),
        _("Submitted at"),
        _("Focus topic, 1st choice"),
        _("Focus topic, 2nd choice"),
        _("Focus topic, 3rd choice"),
        _("Languages"),
        _("Expectations"),
        _("Upcoming projects"),
        _("Availability"),
        _("Preferred mentors"),
        _("How they heard of the programme"),
        _("Supervisor informed"),
        _("Consent (privacy notice version)"),
        _("Consent given at"),
        _("Source"),
    ]
    rows = []
    for application in applications:
        topics = [choice.topic.label for choice in application.topic_choices.all()]
        topics += [""] * (3 - len(topics))
        institution = application.institution
        rows.append(
            [
                application.person.email,
                application.person.name,
                institution.name if institution else "",
                institution.get_type_display() if institution else "",
                application.position,
                application.get_state_display(),
                _when(application.submitted_at),
                *topics[:3],
                ", ".join(application.language_labels()),
                application.expectations,
                application.upcoming_projects,
                application.availability,
                ", ".join(str(choice.mentor) for choice in application.mentor_choices.all()),
                application.how_heard,
                _yes_no(application.supervisor_informed),
                application.privacy_notice_version,
                _when(application.consent_at),
                application.get_source_display(),
            ]
        )
    return headers, rows


def to_csv(headers, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in headers])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    # The BOM makes Excel read the umlauts as UTF-8.
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def to_xlsx(headers, rows, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([safe_cell(cell) for cell in headers])
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def mentor_profile_rows(profiles) -> tuple[list[str], list[list[str]]]:
    """Mentor profiles of a round (the offer side), in the same safe formats."""
    headers = [
        _("E-mail address"),
        _("Name"),
        _("Institution"),
        _("Type of institution"),
        _("Topics (level 1–3)"),
        _("Capacity"),
        _("Languages"),
        _("Availability"),
        _("Self-presentation"),
        _("Experience"),
        _("Shown in the gallery"),
        _("Video link"),
    ]
    rows = []
    for profile in profiles:
        institution = profile.person.institution
        rows.append(
            [
                profile.person.email,
                profile.person.name,
                institution.name if institution else "",
                institution.get_type_display() if institution else "",
                "; ".join(f"{entry.topic.label} ({entry.level})" for entry in profile.levels.all()),
                str(profile.capacity),
                ", ".join(profile.language_labels()),
                profile.availability,
                profile.presentation,
                profile.experience,
                _yes_no(profile.publish_in_gallery),
                profile.video_url,
            ]
        )
    return headers, rows
