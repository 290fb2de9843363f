"""Organisations, programmes, rounds with their phases, topics, institutions, roles."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tandem.programmes.fields import TypedDateField

from .enums import InstitutionType, PhaseKind, RoleKind, SizeClass

#: the first reminder of an unanswered proposal, in days before its date: the default and
#: the earliest a round may choose
PROPOSAL_REMINDER_DAYS = 3
PROPOSAL_REMINDER_DAYS_MAX = 14
#: the share of the tandem phase (%) in which a new match follows an early end, by default
NEW_MATCH_WITHIN_PERCENT = 33


class Organisation(models.Model):
    """The body that runs programmes; the tenant boundary."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        related_name="coordinated_organisations",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Programme(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="programmes"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="programme_slug_per_org")
        ]

    def __str__(self):
        return self.name


class Topic(models.Model):
    """An entry of a programme's topic taxonomy; labels are data in both languages."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="topics")
    key = models.SlugField(_("key"), max_length=60)
    label_de = models.CharField(_("label (German)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "key"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "key"], name="topic_key_per_programme")
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if translation.get_language() == "en" else self.label_de


class Institution(models.Model):
    """An employer. Shared by all organisations so that people find their own."""

    name = models.CharField(_("name"), max_length=250)
    # Duplicates are avoided by comparing normalised names (see services.normalise_name).
    normalised_name = models.CharField(max_length=250, unique=True, editable=False)
    type = models.CharField(_("type"), max_length=40, choices=InstitutionType.choices)
    size_class = models.CharField(_("size"), max_length=10, choices=SizeClass.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Round(models.Model):
    """One cohort of a programme, with dates for every phase and its rules."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60)
    current_phase = models.CharField(
        _("current phase"), max_length=20, choices=PhaseKind.choices, default=PhaseKind.SETUP
    )
    cross_institution_required = models.BooleanField(
        _("mentor and mentee must work at different institutions"), default=True
    )
    mentor_capacity = models.PositiveSmallIntegerField(
        _("mentees per mentor"),
        default=1,
        help_text=_("How many mentees one mentor accompanies at most."),
    )
    meeting_rhythm_weeks = models.PositiveSmallIntegerField(
        _("meeting rhythm (weeks)"), default=4, help_text=_("Tandems meet about every … weeks.")
    )
    meeting_max_minutes = models.PositiveSmallIntegerField(
        _("meeting length (minutes, at most)"), default=120
    )
    tandem_months = models.PositiveSmallIntegerField(_("tandem phase (months)"), default=6)
    #: whoever has not answered a proposal is reminded this many days before the date for
    #: answers, and on the day itself (matching.consent); 0: only on the day
    proposal_reminder_days = models.PositiveSmallIntegerField(
        _("first reminder before the date for answers (days)"),
        default=PROPOSAL_REMINDER_DAYS,
        # also in the database: rows written by older code (or migrations) get it too
        db_default=PROPOSAL_REMINDER_DAYS,
        validators=[MaxValueValidator(PROPOSAL_REMINDER_DAYS_MAX)],
    )
    #: a tandem that ends early within this share of the tandem phase may be offered a new
    #: match for the remaining person (tandems.early_end); 0: never
    new_match_within_percent = models.PositiveSmallIntegerField(
        _("new match offered within the first … % of the tandem phase"),
        default=NEW_MATCH_WITHIN_PERCENT,
        db_default=NEW_MATCH_WITHIN_PERCENT,
        validators=[MaxValueValidator(100)],
    )
    is_public = models.BooleanField(
        _("publish call and mentor gallery"),
        default=False,
        help_text=_("Public pages of the round can be read without an account."),
    )
    #: the day its coordinators closed the round (tandem.alumni.closing); from then on the
    #: round has ended, whatever its phase dates say (see ``selectors.rounds_with_end``)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    #: the round this one was created from (tandem.alumni.next_round), if any
    previous = models.ForeignKey(
        "self",
        verbose_name=_("created from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="next_rounds",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="round_slug_per_programme")
        ]

    def __str__(self):
        return f"{self.programme.name} – {self.name}"

    @property
    def url_kwargs(self) -> dict[str, str]:
        return {
            "org": self.programme.organisation.slug,
            "programme": self.programme.slug,
            "round": self.slug,
        }


class Phase(models.Model):
    """The dates of one lifecycle phase of a round; phases may overlap."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(max_length=20, choices=PhaseKind.choices)
    starts_on = TypedDateField(_("starts on"))
    ends_on = TypedDateField(_("ends on"))

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["round", "kind"], name="one_phase_kind_per_round"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="phase_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.get_kind_display()


class RoundRole(models.Model):
    """A person's role in one round; roles are per round, not global."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="round_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role in a round")
        verbose_name_plural = _("roles in rounds")
        ordering = ["role", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person", "role"], name="one_role_once")
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}"


class RoleInvitation(models.Model):
    """A coordinator's invitation to take a role in a round, sent to an e-mail address.

    The role only exists once the person accepts, logged in with an account whose address
    ``email`` is verified; until then nothing about any account is looked up or shown, so
    an invitation reveals nothing about who has an account. Only the SHA-256 of the link's
    token is stored (``tandem.people.tokens``).
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="role_invitations")
    role = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(
        _("language for e-mails"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation to a role")
        verbose_name_plural = _("invitations to roles")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} – {self.get_role_display()}"

    @property
    def is_open(self) -> bool:
        from django.utils import timezone

        return (
            self.accepted_at is None
            and self.declined_at is None
            and self.expires_at > timezone.now()
        )
