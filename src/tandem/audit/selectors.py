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


# Actions that log someone opening a record (a coordinator's look at an application, a
# person's page, an e-mail, interview notes) end so; they change nothing.
VIEWING = Q(action__endswith=".viewed") | Q(action__endswith="_viewed")


def views_by_others(user, records: dict[str, list]) -> list[dict]:
    """When others opened the person's records (``"app_label.model"`` → primary keys):
    what, in which round, when — not who: staff act for the programme, and their names
    are their own data (the entries themselves say who, for the administrators)."""
    wanted = Q(pk__in=[])
    for object_type, ids in records.items():
        if ids:
            wanted |= Q(object_type=object_type, object_id__in=[str(pk) for pk in ids])
    entries = (
        AuditEntry.objects.filter(wanted, VIEWING).exclude(actor=user).order_by("created_at", "pk")
    )
    return [
        {
            "action": entry.action,
            "record": entry.object_type,
            "round": entry.round_label or None,
            "at": entry.created_at.isoformat(),
        }
        for entry in entries
    ]
