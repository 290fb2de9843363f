"""Surveys of a round: questionnaires, who was invited and answered, and the answers.

Who answered (``SurveyInvitation.answered``) and what was answered (``SurveyResponse``)
live in two tables with nothing to join them; see tandem.surveys.answers for the design
that still lets a person change their own answer while the survey is open.
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .enums import ItemKind, RespondentGroup, SurveyKind, SurveyState
from .limits import K_MIN


def default_k() -> int:
    return max(K_MIN, settings.TANDEM_SURVEY_K)


def default_reminder_days() -> list[int]:
    """Reminders go this many days before the closing date, unless the survey says else."""
    return [7, 2]


def in_language(language: str | None, german: str, english: str) -> str:
    """The wording in the reader's language, else the other one (one may be left empty)."""
    if (language or get_language() or "de").startswith("de"):
        return german or english
    return english or german


class Survey(models.Model):
    round = models.ForeignKey("programmes.Round", on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(_("kind"), max_length=10, choices=SurveyKind.choices)
    #: in German and English; either may be empty, the reader then sees the other
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    intro_de = models.TextField(_("introduction (German)"), blank=True, max_length=2000)
    intro_en = models.TextField(_("introduction (English)"), blank=True, max_length=2000)
    state = models.CharField(max_length=10, choices=SurveyState.choices, default=SurveyState.DRAFT)
    #: results are shown only where at least k people answered; frozen at the first answer
    k = models.PositiveSmallIntegerField(
        _("smallest group shown (k)"), default=default_k, validators=[MinValueValidator(K_MIN)]
    )
    #: random, never shown: part of what derives each person's answer key
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    #: answers are taken until the end of this day; the daily run closes it the day after
    closes_on = models.DateField(_("answers until"), null=True, blank=True)
    #: days before ``closes_on`` on which those not yet answered are reminded
    reminder_days = models.JSONField(
        _("reminders (days before closing)"), default=default_reminder_days, blank=True
    )
    #: the last reminder date (a day of the schedule) already sent: once per date
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title

    def title_in(self, language: str | None) -> str:
        return in_language(language, self.title_de, self.title_en)

    def intro_in(self, language: str | None) -> str:
        return in_language(language, self.intro_de, self.intro_en)

    @property
    def title(self) -> str:
        """The title in the active language (pages, exports, mails render in it)."""
        return self.title_in(None)

    @property
    def intro(self) -> str:
        return self.intro_in(None)

    @property
    def is_open(self) -> bool:
        return self.state == SurveyState.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state == SurveyState.CLOSED


class SurveyItem(models.Model):
    """One question, worded in German and English, with a note on where it comes from."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    key = models.SlugField(max_length=60)
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    text_de = models.CharField(_("question (German)"), max_length=500)
    text_en = models.CharField(_("question (English)"), max_length=500)
    source = models.CharField(_("source"), max_length=500, blank=True)
    #: for single and multiple choice: [{"key": …, "de": …, "en": …}, …]
    choices = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="one_item_key_per_survey")
        ]

    def __str__(self):
        return self.key

    def text(self, language: str) -> str:
        return in_language(language, self.text_de, self.text_en)


class SurveyInvitation(models.Model):
    """Who is asked, and whether they answered — never what, never when they answered."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    group = models.CharField(max_length=10, choices=RespondentGroup.choices)
    answered = models.BooleanField(default=False)
    invited_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "person"], name="one_survey_invitation_per_person"
            )
        ]

    def __str__(self):
        return f"{self.survey} – {self.person}"


class SurveyResponse(models.Model):
    """One person's answers, without the person: a random id, no time, no person.

    ``edit_key`` is a keyed hash (HMAC with the server's secret) of the survey's uid and
    the person's id: the database alone cannot tell whose it is. It is erased when the
    survey closes, after which not even the server can tell.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(max_length=10, choices=RespondentGroup.choices)
    #: item pk (as text) -> the answer: an int (likert), a choice key, a list of keys, text
    answers = models.JSONField(default=dict)
    edit_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self):
        return str(self.id)
