"""Tandems: confirmed mentor–mentee pairs of a round (DESIGN.md §1).

A tandem comes into being when both persons accepted a proposal. The tandem phase
(agreement, meetings, notes) builds on it later.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Tandem(models.Model):
    round = models.ForeignKey("programmes.Round", on_delete=models.CASCADE,
                              related_name="tandems")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="tandems_as_mentor")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="tandems_as_mentee")
    proposal = models.OneToOneField("matching.Proposal", on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="tandem")
    created_at = models.DateTimeField(_("formed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("tandem")
        verbose_name_plural = _("tandems")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "mentee"], name="one_tandem_per_mentee")
        ]

    def __str__(self):
        return f"{self.mentor} & {self.mentee}"
