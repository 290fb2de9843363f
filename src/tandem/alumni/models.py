"""Closing a round: completed tandems, alumni, certificates; the alumni directory.

A certificate keeps what it said when it was issued (names, dates, counts are copied),
so that its verification page confirms exactly that, whatever is renamed later.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.programmes.enums import RoleKind


def new_public_id() -> str:
    """The random, unguessable part of a certificate's verification address."""
    return secrets.token_urlsafe(18)


class TandemCompletion(models.Model):
    """A tandem that met, recorded as completed when its round was closed."""

    tandem = models.OneToOneField(
        "tandems.Tandem", on_delete=models.CASCADE, related_name="completion"
    )
    meetings_held = models.PositiveSmallIntegerField(_("meetings held"))
    completed_on = models.DateField(_("completed on"))

    class Meta:
        verbose_name = _("completed tandem")
        verbose_name_plural = _("completed tandems")

    def __str__(self):
        return str(self.tandem)


class Alumnus(models.Model):
    """A person who completed a round of the programme as mentor or mentee."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="alumni"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alumni_of"
    )
    since = models.DateField(_("alumnus since"))

    class Meta:
        verbose_name = _("alumnus")
        verbose_name_plural = _("alumni")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "person"], name="one_alumnus_per_programme"
            )
        ]

    def __str__(self):
        return str(self.person)


class Certificate(models.Model):
    """A certificate of participation: what it states is copied here when it is issued."""

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, related_name="certificates"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=[
            (RoleKind.MENTOR.value, RoleKind.MENTOR.label),
            (RoleKind.MENTEE.value, RoleKind.MENTEE.label),
        ],
    )
    holder_name = models.CharField(_("name"), max_length=200)
    organisation_name = models.CharField(_("issued by"), max_length=200, editable=False)
    programme_name = models.CharField(_("programme"), max_length=200, editable=False)
    round_name = models.CharField(_("round"), max_length=200, editable=False)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    meetings_held = models.PositiveSmallIntegerField(_("meetings held"))
    #: titles of the training sessions the person attended, in date order
    trainings = models.JSONField(_("training attended"), default=list, blank=True)
    issued_on = models.DateField(_("issued on"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("certificate of participation")
        verbose_name_plural = _("certificates of participation")
        ordering = ["round", "role", "holder_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person", "role"], name="one_certificate_per_round_role"
            )
        ]

    def __str__(self):
        return f"{self.holder_name} – {self.round_name}"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class DirectoryEntry(models.Model):
    """An alumnus's own entry in the programme's alumni directory (opt-in, left any time)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="directory_entries"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_entries"
    )
    topics = models.ManyToManyField(
        "programmes.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    share_contact = models.BooleanField(_("show how to contact me"), default=False)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("alumni directory entry")
        verbose_name_plural = _("alumni directory entries")
        ordering = ["person__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "person"], name="one_entry_per_programme")
        ]

    def __str__(self):
        return str(self.person)
