"""Evaluation of a round: individual interviews, the closing feedback session, lessons learned.

Interview notes are confidential to the round's staff (coordinators and trainers,
DESIGN.md §2): the person interviewed sees that the interview took place and when,
never the notes. Calendar files and e-mails carry date, length and link only.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.training.limits import MINUTES_MIN, SESSION_MINUTES_MAX, SLOT_MINUTES_MAX

from .enums import InterviewStatus


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
