from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class VoteAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("If need be")
    NO = "no", _("No")
