"""The activity and audit log: who changed (or looked at) what, and when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Dotted codes such as "round.created"; every state change has one.
    action = models.CharField(max_length=80, db_index=True)
    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
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
