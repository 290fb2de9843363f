"""Statuses and kinds of the programmes domain (DESIGN.md §1, §3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstitutionType(models.TextChoices):
    UNIVERSITY = "university", _("University")
    UNIVERSITY_OF_APPLIED_SCIENCES = (
        "university_of_applied_sciences",
        _("University of applied sciences"),
    )
    RESEARCH_INSTITUTE = "research_institute", _("Non-university research institute")
    STATE_LIBRARY = "state_library", _("State or regional library")
    OTHER = "other", _("Other")


class SizeClass(models.TextChoices):
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class RoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    TRAINER = "trainer", _("Trainer")
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class PhaseKind(models.TextChoices):
    """The round lifecycle in order; a round's current phase is one of these."""

    SETUP = "setup", _("Set-up")
    RECRUITMENT = "recruitment", _("Mentor recruitment")
    INFO_EVENT = "info_event", _("Info event")
    APPLICATIONS = "applications", _("Applications")
    MATCHING = "matching", _("Selection and matching")
    TRAINING = "training", _("Mentor training")
    TANDEM_PHASE = "tandem_phase", _("Tandem phase")
    EVALUATION = "evaluation", _("Evaluation")
    ALUMNI = "alumni", _("Alumni and next round")

    @classmethod
    def ordered(cls) -> list["PhaseKind"]:
        return list(cls)

    def next(self) -> "PhaseKind | None":
        order = self.ordered()
        index = order.index(self)
        return order[index + 1] if index + 1 < len(order) else None


class Language(models.TextChoices):
    """Languages a tandem can talk in (codes, not UI languages); mentors and mentees pick."""

    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")


def language_labels(codes) -> list[str]:
    """Readable names for stored language codes (unknown codes are left out)."""
    return [str(Language(code).label) for code in codes if code in Language.values]
