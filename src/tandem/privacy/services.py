from django.db import models

from .models import AuditEntry


def log_action(actor, action: str, obj: models.Model, *, round=None, data=None) -> AuditEntry:
    """Write one audit entry; called by every service function that changes state."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        round=round,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data or {},
    )
