from django.db import models

from .models import AuditEntry


def round_label(round) -> str:
    """How an entry names its round: organisation, programme and round as they were."""
    if round is None:
        return ""
    programme = round.programme
    return " – ".join([programme.organisation.name, programme.name, round.name])


def organisation_of(obj, programme_round=None) -> int | None:
    """The organisation an entry belongs to: the round's, or the object's own."""
    if programme_round is not None:
        return programme_round.programme.organisation_id
    if obj._meta.label_lower == "programmes.organisation":
        return obj.pk
    if getattr(obj, "organisation_id", None):
        return obj.organisation_id
    programme = getattr(obj, "programme", None)
    return getattr(programme, "organisation_id", None)


def log_action(
    actor, action: str, obj: models.Model, *, programme_round=None, data=None, organisation=None
) -> AuditEntry:
    """Write one audit entry; called by every service function that changes state.

    ``organisation`` names the organisation where neither the round nor the object does
    (a person belongs to no organisation, but a coordinator opens them in one).
    """
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        round_id=getattr(programme_round, "pk", None),
        round_label=round_label(programme_round),
        organisation_id=organisation.pk if organisation else organisation_of(obj, programme_round),
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data or {},
    )


def log_anonymous_attempt(action: str, model: type[models.Model]) -> AuditEntry:
    """An attempt that names no record (a failed login with an address nobody has): that
    it happened, nothing of what was typed."""
    return AuditEntry.objects.create(
        action=action, object_type=model._meta.label_lower, object_id=""
    )
