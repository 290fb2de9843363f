"""Personal API tokens: the key is shown once, the database keeps only its SHA-256 hash."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import TokenAccess


class ApiToken(models.Model):
    """One person's key to the API, scoped to one organisation or one round.

    Exactly one of ``organisation`` and ``round`` is set. The token never grants more
    than its person may do on the pages: every request checks the person's permissions
    and the token's scope, and a read-only token cannot change anything.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    organisation = models.ForeignKey(
        "programmes.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    access = models.CharField(
        _("access"), max_length=12, choices=TokenAccess.choices, default=TokenAccess.READ
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the key, so that the person recognises it in the list.
    prefix = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False, round__isnull=True)
                | models.Q(organisation__isnull=True, round__isnull=False),
                name="api_token_one_scope",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def may_write(self) -> bool:
        return self.access == TokenAccess.READ_WRITE

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now
