"""States and kinds of surveys (DESIGN.md §3, phase 8)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class SurveyKind(models.TextChoices):
    MIDTERM = "midterm", _("Mid-term survey")
    FINAL = "final", _("Final survey")


class ItemKind(models.TextChoices):
    LIKERT = "likert", _("Scale 1–5")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Free text")


class RespondentGroup(models.TextChoices):
    """The group a response is counted in for split results: the person's round role."""

    MENTOR = "mentor", _("Mentors")
    MENTEE = "mentee", _("Mentees")
