from django.db import models
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    DRAFT = "draft", _("Waiting for review")
    QUEUED = "queued", _("Queued for sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
