"""Tandems and their work: agreement, goals, meetings with agenda, notes, date polls.

A tandem comes into being when both persons accepted a proposal (matching). What the
two write here is theirs alone (DESIGN.md §2): coordinators see only that meetings take
place and when — never agenda, notes, goals or the agreement's text.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.programmes.fields import TypedDateTimeField

from .enums import EndCategory, MeetingStatus, SeriesKind, SeriesStatus, VoteAnswer
from .limits import MEETING_MINUTES_MAX, MEETING_MINUTES_MIN


class Tandem(models.Model):
    round = models.ForeignKey("programmes.Round", on_delete=models.CASCADE, related_name="tandems")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tandems_as_mentor"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tandems_as_mentee"
    )
    proposal = models.OneToOneField(
        "matching.Proposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="tandem"
    )
    created_at = models.DateTimeField(_("formed at"), auto_now_add=True)
    #: when both were last reminded to plan a meeting (tandem.tandems.nudges)
    last_nudged_at = models.DateTimeField(null=True, blank=True, editable=False)
    #: set when one of the two ended the tandem early (the reason: EarlyEnd)
    ended_at = models.DateTimeField(_("ended early on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("tandem")
        verbose_name_plural = _("tandems")
        ordering = ["created_at", "pk"]
        constraints = [
            # A mentee whose tandem ended early may be matched anew in the same round.
            models.UniqueConstraint(
                fields=["round", "mentee"],
                condition=models.Q(ended_at__isnull=True),
                name="one_running_tandem_per_mentee",
            )
        ]

    def __str__(self):
        return f"{self.mentor} & {self.mentee}"


class Agreement(models.Model):
    """What the two agree on at the start; both confirm, and any change needs both again."""

    tandem = models.OneToOneField(Tandem, on_delete=models.CASCADE, related_name="agreement")
    goals = models.TextField(_("goals of the mentoring"))
    topics = models.ManyToManyField(
        "programmes.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    rhythm_weeks = models.PositiveSmallIntegerField(
        _("meet every … weeks"), default=4, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    meeting_minutes = models.PositiveSmallIntegerField(
        _("meetings last up to … minutes"),
        default=120,
        validators=[MinValueValidator(MEETING_MINUTES_MIN), MaxValueValidator(MEETING_MINUTES_MAX)],
    )
    channel = models.CharField(
        _("where you meet (video link or place)"), max_length=500, blank=True
    )
    confidentiality = models.BooleanField(_("what we discuss stays in the tandem"), default=True)
    mentee_confirmed_at = models.DateTimeField(null=True, blank=True)
    mentor_confirmed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mentoring agreement")
        verbose_name_plural = _("mentoring agreements")

    def __str__(self):
        return str(self.tandem)

    @property
    def confirmed(self) -> bool:
        return bool(self.mentee_confirmed_at and self.mentor_confirmed_at)


class Goal(models.Model):
    tandem = models.ForeignKey(Tandem, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=500)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class GoalReflection(models.Model):
    """A goal's progress change with the member's short reflection: the tandem's history."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    progress_before = models.PositiveSmallIntegerField()
    progress_after = models.PositiveSmallIntegerField()
    text = models.CharField(_("reflection"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("goal reflection")
        verbose_name_plural = _("goal reflections")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.goal}: {self.progress_before} → {self.progress_after}"


class MeetingSeries(models.Model):
    """A recurring date one member proposes ("first Tuesday of each month, 10–12").

    The other accepts it, then each occurrence becomes a Meeting of its own (own agenda,
    own calendar entry), or moves it, which makes the new time the proposal to answer.
    """

    tandem = models.ForeignKey(Tandem, on_delete=models.CASCADE, related_name="meeting_series")
    kind = models.CharField(_("repeats"), max_length=8, choices=SeriesKind.choices)
    #: 0 = Monday … 6 = Sunday
    weekday = models.PositiveSmallIntegerField(_("weekday"), validators=[MaxValueValidator(6)])
    #: monthly: which of the month's weekdays (1–4, 5 = the last)
    ordinal = models.PositiveSmallIntegerField(
        _("which one in the month"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    #: weekly: every … weeks
    interval_weeks = models.PositiveSmallIntegerField(
        _("every … weeks"), default=4, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    starts_on = models.DateField(_("from"))
    start_time = models.TimeField(_("time"))
    #: the zone in which the weekday and time are meant (the proposer's)
    time_zone = models.CharField(max_length=64)
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"),
        default=90,
        validators=[MinValueValidator(MEETING_MINUTES_MIN), MaxValueValidator(MEETING_MINUTES_MAX)],
    )
    count = models.PositiveSmallIntegerField(
        _("number of meetings"), default=6, validators=[MinValueValidator(2), MaxValueValidator(12)]
    )
    status = models.CharField(
        max_length=10, choices=SeriesStatus.choices, default=SeriesStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recurring date")
        verbose_name_plural = _("recurring dates")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.tandem} ({self.get_kind_display()})"


class Meeting(models.Model):
    """A tandem session. The agenda (topics and goals agreed in advance) is the tandem's."""

    tandem = models.ForeignKey(Tandem, on_delete=models.CASCADE, related_name="meetings")
    starts_at = TypedDateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"),
        default=90,
        validators=[MinValueValidator(MEETING_MINUTES_MIN), MaxValueValidator(MEETING_MINUTES_MAX)],
    )
    video_url = models.URLField(_("video link"), blank=True)
    agenda = models.TextField(_("agenda: topics and goals for this meeting"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    #: stable identity for calendar programs; ``sequence`` grows with every change
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)
    #: the recurring date this meeting is one occurrence of (moving it moves only itself)
    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return f"{self.tandem} {self.starts_at:%Y-%m-%d %H:%M}"


class TimeSpent(models.Model):
    """Each person's own minutes for one meeting: the meeting itself and the preparation."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="time_spent")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    meeting_minutes = models.PositiveSmallIntegerField(
        _("meeting (minutes)"), default=0, validators=[MaxValueValidator(600)]
    )
    preparation_minutes = models.PositiveSmallIntegerField(
        _("preparation (minutes)"), default=0, validators=[MaxValueValidator(600)]
    )

    class Meta:
        verbose_name = _("time spent")
        verbose_name_plural = _("time spent")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_time_entry_per_person")
        ]

    def __str__(self):
        return f"{self.person}: {self.meeting_minutes}+{self.preparation_minutes} min"


class Note(models.Model):
    """A note on a meeting: private to its author, or shared with the tandem partner."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("note"))
    shared = models.BooleanField(_("share with my tandem partner"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author} ({self.created_at:%Y-%m-%d})"


class DatePoll(models.Model):
    """Finding a common date — the pilot's main practical difficulty."""

    tandem = models.ForeignKey(Tandem, on_delete=models.CASCADE, related_name="date_polls")
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"),
        default=90,
        validators=[MinValueValidator(MEETING_MINUTES_MIN), MaxValueValidator(MEETING_MINUTES_MAX)],
    )
    note = models.CharField(_("note for your partner"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    meeting = models.OneToOneField(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="date_poll"
    )

    class Meta:
        verbose_name = _("date poll")
        verbose_name_plural = _("date polls")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.tandem} ({self.created_at:%Y-%m-%d})"


class DateOption(models.Model):
    poll = models.ForeignKey(DatePoll, on_delete=models.CASCADE, related_name="options")
    starts_at = TypedDateTimeField(_("date and time"))

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "starts_at"], name="one_option_per_time")
        ]

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class DateVote(models.Model):
    option = models.ForeignKey(DateOption, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=5, choices=VoteAnswer.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["option", "person"], name="one_vote_per_option_and_person"
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.answer}"


class CalendarFeed(models.Model):
    """A secret address at which a person's calendar program reads their meetings.

    Only the SHA-256 of the address's token is kept (``tandem.people.tokens``): the address
    is shown once, when it is made or renewed.
    """

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return str(self.person)


class EarlyEnd(models.Model):
    """Why and by whom a tandem ended early. The reason is for the coordinators alone:
    never shown to the partner, never in the workspace or the notes."""

    tandem = models.OneToOneField(Tandem, on_delete=models.CASCADE, related_name="early_end")
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: "mentor" or "mentee": who ended it, kept when the account is gone
    side = models.CharField(max_length=6)
    category = models.CharField(_("reason"), max_length=10, choices=EndCategory.choices)
    reason = models.TextField(_("a few words for the coordinators"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    new_match_offered_at = models.DateTimeField(null=True, blank=True)
    new_match_offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("early end of a tandem")
        verbose_name_plural = _("early ends of tandems")

    def __str__(self):
        return f"{self.tandem} ({self.get_category_display()})"
