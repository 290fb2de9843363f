"""Mentor candidates and invitations, mentor profiles, the info event and its registrations."""

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.programmes.enums import language_labels
from tandem.programmes.fields import TypedDateTimeField

from .enums import CandidateStatus, ExpertiseLevel, Weekday
from .validators import validate_pdf, validate_photo_size, validate_slides_size


class Candidate(models.Model):
    """A possible mentor the coordinators keep on their list; the invitation lives here too.

    ``token_hash`` is the SHA-256 of the secret of the personal invitation link (the link
    carries the secret; ``tandem.people.tokens``); it is only valid while
    ``token_expires_at`` lies in the future.
    """

    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, related_name="candidates"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    institution = models.CharField(_("institution"), max_length=250, blank=True)
    topics = models.ManyToManyField(
        "programmes.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)
    language = models.CharField(
        _("language for e-mails"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CandidateStatus.choices, default=CandidateStatus.IDEA
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor_candidacies",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentor candidate")
        verbose_name_plural = _("mentor candidates")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "email"], name="one_candidate_per_email")
        ]

    def __str__(self):
        return self.name

    @property
    def token_valid(self) -> bool:
        return bool(
            self.token_hash and self.token_expires_at and self.token_expires_at > timezone.now()
        )


class MentorProfile(models.Model):
    """A mentor's offer for one round; edited only by its person."""

    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, related_name="mentor_profiles"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profiles"
    )
    topics = models.ManyToManyField(
        "programmes.Topic", through="MentorTopic", related_name="mentor_profiles"
    )
    presentation = models.TextField(_("self-presentation"))
    experience = models.TextField(_("experience"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("mentees at most"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    weekdays = models.JSONField(_("preferred weekdays"), default=list, blank=True)
    availability = models.CharField(_("preferred times"), max_length=300, blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to="recruitment/photos/",
        blank=True,
        validators=[validate_photo_size],
    )
    slides = models.FileField(
        _("slides (PDF)"),
        upload_to="recruitment/slides/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_slides_size, validate_pdf],
    )
    video_url = models.URLField(_("video link"), blank=True)
    publish_in_gallery = models.BooleanField(_("show in the mentor gallery"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        ordering = ["person__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="one_mentor_profile_per_round")
        ]

    def __str__(self):
        return str(self.person)

    def language_labels(self) -> list[str]:
        return language_labels(self.languages)

    def weekday_labels(self) -> list[str]:
        return [str(Weekday(code).label) for code in self.weekdays if code in Weekday.values]


class MentorTopic(models.Model):
    profile = models.ForeignKey(MentorProfile, on_delete=models.CASCADE, related_name="levels")
    topic = models.ForeignKey("programmes.Topic", on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), choices=ExpertiseLevel.choices)

    class Meta:
        ordering = ["-level", "topic__position"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "topic"], name="one_level_per_topic"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=3), name="mentor_level_1_to_3"
            ),
        ]

    def __str__(self):
        return f"{self.topic} ({self.level})"


class InfoEvent(models.Model):
    """The round's virtual info event where mentors present themselves."""

    round = models.OneToOneField(
        "programmes.Round", on_delete=models.CASCADE, related_name="info_event"
    )
    starts_at = TypedDateTimeField(_("starts at"))
    ends_at = TypedDateTimeField(_("ends at"))
    video_url = models.URLField(_("video link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)

    class Meta:
        verbose_name = _("info event")
        verbose_name_plural = _("info events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="info_event_ends_later"
            )
        ]

    def __str__(self):
        return str(self.round)


class InfoEventRegistration(models.Model):
    """An interested person's registration; no account needed. Consent recorded with time."""

    event = models.ForeignKey(InfoEvent, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="de")
    consent_text = models.TextField()
    consented_at = models.DateTimeField()
    # Double opt-in: the registration counts (and its details are mailed) only once the
    # owner of the address has opened the link; only the link token's SHA-256 is kept.
    confirmed_at = models.DateTimeField(_("address confirmed at"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration for the info event")
        verbose_name_plural = _("registrations for the info event")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="one_registration_per_email")
        ]

    def __str__(self):
        return self.name
