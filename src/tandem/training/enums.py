"""Kinds and statuses of mentor training and consultations (DESIGN.md §3, phase 6)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Whom a training session invites; the pilot trained the mentors."""

    MENTORS = "mentors", _("Mentors")
    MENTEES = "mentees", _("Mentees")
    EVERYONE = "everyone", _("Mentors and mentees")


class InvitationAnswer(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")
