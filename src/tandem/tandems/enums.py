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


class EndCategory(models.TextChoices):
    """Why a tandem ended early, in categories the round report counts (no names)."""

    TIME = "time", _("Not enough time (workload, other duties)")
    JOB = "job", _("Change of job, leave or absence")
    FIT = "fit", _("The pairing does not fit")
    GOALS = "goals", _("Goals reached early")
    PERSONAL = "personal", _("Personal reasons")
    OTHER = "other", _("Other reason")


class SeriesKind(models.TextChoices):
    MONTHLY = "monthly", _("On one weekday of each month")
    WEEKLY = "weekly", _("Every few weeks on one weekday")


class SeriesStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
