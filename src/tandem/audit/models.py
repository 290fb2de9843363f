"""The activity and audit log: who changed (or looked at) what, and when.

The log sits at the ground floor: every domain app writes to it and it imports none of
them. An entry names its round by id and label instead of a key, so it outlives the
round (and whatever else it describes): the trail of what happened must not vanish
with the thing it is about.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Dotted codes such as "round.created"; every state change has one.
    action = models.CharField(max_length=80, db_index=True)
    # The round's id as a plain number (no key: the entry survives the round) and its
    # label at the time, so that the entry still says which round it was.
    round_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    round_label = models.CharField(max_length=400, blank=True)
    # The organisation's id, also a plain number: its coordinators read its entries on the
    # audit page, even those of a round deleted since.
    organisation_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=40)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
