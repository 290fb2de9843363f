"""States and sources of applications (DESIGN.md §3, phase 4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.programmes.enums import Language  # noqa: F401 — one definition, re-exported


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    ADMITTED = "admitted", _("Admitted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ApplicationSource(models.TextChoices):
    PORTAL = "portal", _("Application form")
    IMPORT = "import", _("Import")


S = ApplicationState

# Which state may move to which. The applicant submits, withdraws and re-opens;
# everything else is the coordinators' selection. Nothing leaves "withdrawn" except
# back to "draft" (the applicant re-opens while the window is open).
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.SHORTLISTED, S.WAITLISTED, S.ADMITTED, S.DECLINED, S.WITHDRAWN}),
    S.SHORTLISTED: frozenset({S.SUBMITTED, S.WAITLISTED, S.ADMITTED, S.DECLINED, S.WITHDRAWN}),
    S.WAITLISTED: frozenset({S.SHORTLISTED, S.ADMITTED, S.DECLINED, S.WITHDRAWN}),
    S.ADMITTED: frozenset({S.WAITLISTED, S.DECLINED, S.WITHDRAWN}),
    S.DECLINED: frozenset({S.SHORTLISTED, S.WAITLISTED}),
    S.WITHDRAWN: frozenset({S.DRAFT}),
}

# States in which a person counts as an applicant of the round and holds the mentee role.
ACTIVE_STATES = frozenset({S.SUBMITTED, S.SHORTLISTED, S.WAITLISTED, S.ADMITTED})

# States a coordinator may choose in the list (bulk) and on the detail page.
COORDINATOR_TARGETS = [
    S.SUBMITTED,
    S.SHORTLISTED,
    S.WAITLISTED,
    S.ADMITTED,
    S.DECLINED,
    S.WITHDRAWN,
]


def may_move(from_state: str, to_state: str) -> bool:
    return to_state in TRANSITIONS.get(from_state, frozenset())
