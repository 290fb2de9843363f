"""Mentees' applications for a round, with ranked topics and preferred mentors."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.programmes.enums import language_labels

from .enums import ApplicationSource, ApplicationState

# The version of the privacy notice shown on the form; stored with every consent.
# 2026-12: the notice names every field a proposed mentor sees (privacy/visibility.py).
PRIVACY_NOTICE_VERSION = "2026-12"
MAX_TOPICS = 3
MAX_PREFERRED_MENTORS = 3


class Application(models.Model):
    """One person's application for one round. State changes only through services."""

    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, related_name="applications"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ApplicationState.choices,
        default=ApplicationState.DRAFT,
    )
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=ApplicationSource.choices,
        default=ApplicationSource.PORTAL,
    )
    expectations = models.TextField(_("expectations"), blank=True)
    upcoming_projects = models.TextField(_("upcoming projects"), blank=True)
    # A copy of the profile's institution when the application was last saved:
    # people change jobs, the application keeps what was true when they applied.
    institution = models.ForeignKey(
        "programmes.Institution",
        verbose_name=_("institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    availability = models.TextField(_("availability"), blank=True)
    how_heard = models.CharField(_("how they heard of the programme"), max_length=500, blank=True)
    # The coordinator favours this applicant: matching places them whenever a fitting mentor
    # can be kept free (first the number of favoured placed, then total fit).
    favoured = models.BooleanField(_("favoured by the coordination"), default=False)
    supervisor_informed = models.BooleanField(_("supervisor informed"), null=True, blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    privacy_notice_version = models.CharField(
        _("privacy notice version"), max_length=100, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="one_application_per_round")
        ]

    def __str__(self):
        return f"{self.person} – {self.round}"

    def language_labels(self) -> list[str]:
        return language_labels(self.languages)

    @property
    def ranked_topics(self):
        return [choice.topic for choice in self.topic_choices.all()]

    @property
    def ranked_mentors(self):
        return [choice.mentor for choice in self.mentor_choices.all()]


class TopicChoice(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="topic_choices"
    )
    topic = models.ForeignKey("programmes.Topic", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["application", "rank"], name="topic_rank_once"),
            models.UniqueConstraint(fields=["application", "topic"], name="topic_once"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.topic}"


class MentorChoice(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="mentor_choices"
    )
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["application", "rank"], name="mentor_rank_once"),
            models.UniqueConstraint(fields=["application", "mentor"], name="mentor_once"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.mentor}"


class ImportedApplication(models.Model):
    """An application from an imported file, waiting for its person to confirm it.

    An import never creates or touches accounts: only when the person confirms through
    the link (logged in with ``email`` verified) does an Application of their own account
    come out of ``data``. Every address is treated alike, so nothing tells the
    coordinators whether it has an account. Only the SHA-256 of the link's token is kept.
    """

    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, related_name="imported_applications"
    )
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=200)
    # The row's fields as read from the file (topics as ids, best first).
    data = models.JSONField(default=dict)
    source = models.CharField(_("source"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)

    class Meta:
        verbose_name = _("imported application awaiting confirmation")
        verbose_name_plural = _("imported applications awaiting confirmation")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "email"], name="one_import_per_email")
        ]

    def __str__(self):
        return self.name

    @property
    def is_open(self) -> bool:
        from django.utils import timezone

        return (
            self.confirmed_at is None
            and self.declined_at is None
            and self.expires_at > timezone.now()
        )
