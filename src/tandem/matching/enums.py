"""Modes, pair rules and proposal states of selection and matching (DESIGN.md §4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MatchMode(models.TextChoices):
    OPTIMAL = "optimal", _("Best total fit")
    STABLE = "stable", _("Stable (from preferences)")
    FAIR = "fair", _("Fair (lowest fit as high as possible)")


class PairRuleKind(models.TextChoices):
    PIN = "pin", _("Always pair")
    EXCLUDE = "exclude", _("Never pair")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (not sent)")
    SENT = "sent", _("Waiting for answers")
    ACCEPTED = "accepted", _("Accepted by both")
    DECLINED = "declined", _("Declined")
    SUPERSEDED = "superseded", _("Replaced by a newer run")
    LAPSED = "lapsed", _("No answer in time (counted as a decline)")
    ENDED = "ended", _("Tandem ended early; open for a new match")


# Proposals a coordinator may still pin or exclude: not yet put to the two persons.
PAIR_RULE_STATES = frozenset({ProposalStatus.DRAFT, ProposalStatus.SUPERSEDED})


class Answer(models.TextChoices):
    ACCEPT = "accept", _("Yes, this fits")
    DECLINE = "decline", _("No, this does not fit")


# Proposals that hold a pair for the next run: it is kept, not solved again.
HELD = frozenset({ProposalStatus.SENT, ProposalStatus.ACCEPTED})


class OverdueChoice(models.TextChoices):
    """What a round's coordinators decide when the date for answers has passed."""

    EXTEND = "extend", _("Extend the date for answers")
    WITHDRAW = "withdraw", _("Take the proposals back")
    LAPSE = "lapse", _("Treat silence as a decline")
