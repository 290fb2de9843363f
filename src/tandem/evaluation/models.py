"""Evaluation of a round: individual interviews, the closing feedback session, lessons learned.

Interview notes are confidential to the round's staff (coordinators and trainers,
DESIGN.md §2): the person interviewed sees that the interview took place and when,
never the notes. Calendar files and e-mails carry date, length and link only.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.training.limits import (
    CANCEL_NOTICE_HOURS_MAX,
    MINUTES_MIN,
    SESSION_MINUTES_MAX,
    SLOT_MINUTES_MAX,
)

from .enums import InterviewStatus


class InterviewSlot(models.Model):
    """A time a coordinator or trainer offers for an evaluation interview.

    Booked, it points to the one interview made from it (``Interview.slot`` is unique, so
    a slot is booked once); the service locks the slot's row, the constraint backs it up.
    """

    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, related_name="interview_slots"
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="interview_slots",
        verbose_name=_("interviewer"),
    )
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"),
        default=45,
        validators=[MinValueValidator(MINUTES_MIN), MaxValueValidator(SLOT_MINUTES_MAX)],
    )
    #: starts_at + duration, stored so the overlap check is one query
    ends_at = models.DateTimeField(editable=False)
    online_url = models.URLField(_("online link"), blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    cancel_notice_hours = models.PositiveSmallIntegerField(
        _("cancel at least … hours ahead"),
        default=24,
        validators=[MaxValueValidator(CANCEL_NOTICE_HOURS_MAX)],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("interview slot")
        verbose_name_plural = _("interview slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["interviewer", "starts_at"], name="one_interview_slot_per_time"
            )
        ]

    def __str__(self):
        return f"{self.interviewer} {self.starts_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        self.ends_at = self.starts_at + dt.timedelta(minutes=int(self.duration_minutes))
        super().save(*args, **kwargs)


class Interview(models.Model):
    """One participant's evaluation interview in a round (at most one per person)."""

    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, related_name="evaluation_interviews"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evaluation_interviews"
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("interviewer"),
    )
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"),
        default=45,
        validators=[MinValueValidator(MINUTES_MIN), MaxValueValidator(SLOT_MINUTES_MAX)],
    )
    online_url = models.URLField(_("online link"), blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    #: the slot it was booked from (none when staff planned a fixed time); freed on cancel
    slot = models.OneToOneField(
        InterviewSlot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interview",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InterviewStatus.choices,
        default=InterviewStatus.PLANNED,
    )
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluation interview")
        verbose_name_plural = _("evaluation interviews")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person"], name="one_evaluation_interview_per_person"
            )
        ]

    def __str__(self):
        return f"{self.person} {self.starts_at:%Y-%m-%d %H:%M}"


class InterviewNote(models.Model):
    """The staff's notes on one item of the interview guide (tandem.evaluation.guide)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="notes")
    item = models.CharField(max_length=40)
    text = models.TextField(_("notes"), blank=True, max_length=5000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("interview note")
        verbose_name_plural = _("interview notes")
        constraints = [
            models.UniqueConstraint(fields=["interview", "item"], name="one_note_per_guide_item")
        ]

    def __str__(self):
        return f"{self.interview_id}: {self.item}"


class FeedbackSession(models.Model):
    """The round's closing feedback session, moderated by a trainer (or coordinator)."""

    round = models.OneToOneField(
        "programmes.Round", on_delete=models.CASCADE, related_name="feedback_session"
    )
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"),
        default=120,
        validators=[MinValueValidator(MINUTES_MIN), MaxValueValidator(SESSION_MINUTES_MAX)],
    )
    online_url = models.URLField(_("online link"), blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    description = models.TextField(_("description and agenda"), blank=True, max_length=10000)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    #: the moderator's summary of the session, for the round's staff and report
    summary = models.TextField(_("summary"), blank=True, max_length=20000)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("feedback session")
        verbose_name_plural = _("feedback sessions")

    def __str__(self):
        return f"{self.round} {self.starts_at:%Y-%m-%d}"


class FeedbackInvitation(models.Model):
    session = models.ForeignKey(
        FeedbackSession, on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_invitations"
    )
    #: recorded after the session; None until then
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback session invitation")
        verbose_name_plural = _("feedback session invitations")
        ordering = ["person__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], name="one_feedback_invitation_per_person"
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.session}"


class RoundReview(models.Model):
    """What the coordinators learned from the round (the report's last section)."""

    round = models.OneToOneField(
        "programmes.Round", on_delete=models.CASCADE, related_name="evaluation_review"
    )
    lessons_learned = models.TextField(_("lessons learned"), blank=True, max_length=20000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("round review")
        verbose_name_plural = _("round reviews")

    def __str__(self):
        return str(self.round)
