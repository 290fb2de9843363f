"""Reading the audit log: who may see which entries, filtered (the audit page)."""

import datetime as dt

from django.db.models import Q

from .models import AuditEntry


def entries(
    *,
    organisation_id: int | None = None,
    round_ids=(),
    action: str = "",
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
):
    """Entries, newest first. With ``organisation_id`` only that organisation's: those
    marked with it, and those of its rounds (``round_ids``, for entries written before the
    organisation was recorded); without, all of them (the platform's operators)."""
    rows = AuditEntry.objects.select_related("actor")
    if organisation_id is not None:
        rows = rows.filter(Q(organisation_id=organisation_id) | Q(round_id__in=list(round_ids)))
    if action:
        rows = rows.filter(action__icontains=action)
    if since is not None:
        rows = rows.filter(created_at__gte=since)
    if until is not None:
        rows = rows.filter(created_at__lt=until)
    return rows.order_by("-created_at", "-pk")
