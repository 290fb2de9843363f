"""Everything the platform stores about one person, as JSON-ready data (DESIGN.md §7).

Each app exports its own sections (``<app>/personal_data.py``); this module only walks
the registry and wraps the sections, so it knows no app's models.
"""

from django.utils import timezone, translation

from tandem.audit.selectors import views_by_others
from tandem.audit.services import log_action

from .registry import declarations

FORMAT_VERSION = 1


def personal_data_summary(user) -> dict[str, int]:
    """How many records of each kind the platform holds about the person."""
    counts: dict[str, int] = {}
    for declaration in declarations():
        if declaration.count:
            counts.update(declaration.count(user))
    counts["opened_by_staff"] = len(_opened_by_staff(user))
    return counts


def _opened_by_staff(user) -> list[dict]:
    """When staff opened the person's records, from the audit log (each app names its
    records of the person; the log knows no app)."""
    records: dict[str, list] = {}
    for declaration in declarations():
        if declaration.records:
            for object_type, ids in declaration.records(user).items():
                records.setdefault(object_type, []).extend(ids)
    return views_by_others(user, records)


def personal_data_of(user) -> dict:
    """All data about the person; JSON-serialisable, dates as ISO 8601 strings.

    Nothing of other people: audit entries name what the person did, not whose record
    it touched, and another applicant's application never appears.
    """
    with translation.override(user.language):
        data = {
            "format": "tandem-personal-data",
            "version": FORMAT_VERSION,
            "exported_at": timezone.now().isoformat(),
        }
        for declaration in declarations():
            if declaration.export:
                data.update(declaration.export(user))
        data["opened_by_staff"] = _opened_by_staff(user)
        return data


def export_personal_data(user, by) -> dict:
    """The person's data for download; every export is written to the audit log."""
    data = personal_data_of(user)
    log_action(by, "privacy.data_exported", user)
    return data
