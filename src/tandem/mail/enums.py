from django.db import models
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    DRAFT = "draft", _("Waiting for review")
    QUEUED = "queued", _("Queued for sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # A draft a coordinator decided not to send; kept so the outbox shows what never went out.
    DISCARDED = "discarded", _("Discarded")
