"""The audit log's personal data: what a person did, kept as the record of changes."""

from tandem.privacy.registry import Declaration, Holding

from .models import AuditEntry


def _iso(value):
    return value.isoformat() if value is not None else None


def _entries(user):
    return AuditEntry.objects.filter(actor=user).order_by("created_at", "pk")


def count(user) -> dict[str, int]:
    return {"activity": _entries(user).count()}


def export(user) -> dict:
    # What the person did; never whose record it touched (that is the other person's data).
    return {
        "activity": [
            {
                "action": entry.action,
                "object_type": entry.object_type,
                "round": entry.round_label or None,
                "at": _iso(entry.created_at),
            }
            for entry in _entries(user)
        ]
    }


DECLARATION = Declaration(
    app_label="audit",
    holdings=(
        Holding(
            model="audit.AuditEntry",
            fields=("actor", "round_label", "data"),
            whose="the person who acted",
            purpose="to trace who changed or viewed what",
            seen_by="the platform's administrators",
            retention="kept; the actor stays the anonymised account after erasure",
        ),
    ),
    export=export,
    count=count,
)
