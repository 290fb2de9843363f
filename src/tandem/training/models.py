"""Mentor training (sessions, invitations, attendance, materials) and consultations.

A consultation is confidential (DESIGN.md §2): who booked, and why, is known to the
person and the trainer alone; coordinators see only how much capacity is used. The
trainer's own notes on a consultation are the trainer's alone.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .enums import Audience, BookingStatus, InvitationAnswer
from .limits import MINUTES_MIN, SESSION_MINUTES_MAX, SLOT_MINUTES_MAX


class TrainingSession(models.Model):
    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, related_name="training_sessions"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"),
        default=180,
        validators=[MinValueValidator(MINUTES_MIN), MaxValueValidator(SESSION_MINUTES_MAX)],
    )
    online_url = models.URLField(_("online link"), blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    description = models.TextField(_("description and agenda"), blank=True)
    audience = models.CharField(
        _("invite"), max_length=10, choices=Audience.choices, default=Audience.MENTORS
    )
    #: stable identity for calendar programs; ``sequence`` grows with every change
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.title


class TrainingMaterial(models.Model):
    """A file or a link; only those invited to the session see it."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="training/%Y/", blank=True)
    url = models.URLField(_("link"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training material")
        verbose_name_plural = _("training materials")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title


class TrainingInvitation(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_invitations"
    )
    answer = models.CharField(
        _("answer"),
        max_length=10,
        choices=InvitationAnswer.choices,
        default=InvitationAnswer.PENDING,
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    #: recorded by the trainer after the session; None until then
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training invitation")
        verbose_name_plural = _("training invitations")
        ordering = ["person__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], name="one_invitation_per_session_and_person"
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.session}"


class ConsultationSlot(models.Model):
    """A time the trainer offers; at most one active booking (see the constraint below).

    No double booking of a trainer rests on two database rules: a slot has at most one
    active booking (``one_active_booking_per_slot``), and one trainer's slots never overlap
    — on PostgreSQL an exclusion constraint over (trainer, [starts_at, ends_at)) added by
    migration 0002 (SQLite has none; there the service's row lock and overlap check hold).
    """

    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, related_name="consultation_slots"
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"),
        default=45,
        validators=[MinValueValidator(MINUTES_MIN), MaxValueValidator(SLOT_MINUTES_MAX)],
    )
    #: starts_at + duration, stored because an index expression must be immutable
    ends_at = models.DateTimeField(editable=False)
    online_url = models.URLField(_("online link"), blank=True)
    cancel_notice_hours = models.PositiveSmallIntegerField(
        _("cancel at least … hours ahead"), default=24, validators=[MaxValueValidator(336)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consultation slot")
        verbose_name_plural = _("consultation slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainer", "starts_at"], name="one_slot_per_trainer_and_time"
            )
        ]

    def __str__(self):
        return f"{self.trainer} {self.starts_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        self.ends_at = self.starts_at + dt.timedelta(minutes=self.duration_minutes)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "ends_at"}
        super().save(*args, **kwargs)


class ConsultationBooking(models.Model):
    slot = models.ForeignKey(ConsultationSlot, on_delete=models.CASCADE, related_name="bookings")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_bookings"
    )
    note = models.TextField(_("note for the trainer"), blank=True, max_length=2000)
    #: the trainer's own notes on the consultation: nobody else reads them
    trainer_notes = models.TextField(_("your notes"), blank=True, max_length=10000)
    status = models.CharField(
        max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            # The database itself refuses a second active booking of one slot, so two
            # people booking at the same moment cannot both get it.
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status=BookingStatus.BOOKED),
                name="one_active_booking_per_slot",
            ),
        ]

    def __str__(self):
        return f"{self.slot} ({self.get_status_display()})"
