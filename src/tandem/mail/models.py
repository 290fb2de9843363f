"""E-mail templates (data, per language) and the outbox every e-mail goes through."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import MailStatus


class MailTemplate(models.Model):
    """An editable text keyed by purpose and language.

    Whose text it is: a round's own (``round``), a programme's own for all its rounds
    (``programme``, no round), or the platform's stored default (neither). A round's
    text wins over its programme's, which wins over the default, then the built-in text.
    Printed texts (the supervisor letter, DOCUMENT_PURPOSES) are kept the same way: the
    subject is the letter's subject line.

    Subject and body are Django template strings rendered with a small context
    (person, round, links) — coordinators edit them without touching code.
    """

    key = models.SlugField(_("purpose"), max_length=60)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("e-mail template")
        verbose_name_plural = _("e-mail templates")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "language", "round"], name="one_template_per_key_language_round"
            ),
            models.UniqueConstraint(
                fields=["key", "language", "programme"],
                condition=models.Q(round__isnull=True),
                name="one_template_per_key_language_programme",
            ),
        ]

    def __str__(self):
        return f"{self.key} ({self.language})"


class QueuedMail(models.Model):
    """One e-mail in the outbox. Bulk mails wait as drafts until a coordinator sends them."""

    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    template_key = models.SlugField(max_length=60, blank=True)
    to = models.EmailField(_("to"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="de")
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("text"))
    # An iCalendar file sent as an attachment (a meeting, session, consultation or
    # interview), built in the recipient's language when the mail was queued.
    calendar = models.TextField(_("calendar file"), blank=True)
    status = models.CharField(max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.to}: {self.subject}"
