"""Statuses and choices of mentor recruitment (DESIGN.md §3, phases 2–3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.programmes.enums import Language  # noqa: F401 — one definition, re-exported


class CandidateStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    NO_ANSWER = "no_answer", _("No answer")


class ExpertiseLevel(models.IntegerChoices):
    BASIC = 1, _("Basic: some experience")
    ADVANCED = 2, _("Advanced: regular practice")
    EXPERT = 3, _("Expert: I lead or teach this")


class Weekday(models.TextChoices):
    MONDAY = "mon", _("Monday")
    TUESDAY = "tue", _("Tuesday")
    WEDNESDAY = "wed", _("Wednesday")
    THURSDAY = "thu", _("Thursday")
    FRIDAY = "fri", _("Friday")
