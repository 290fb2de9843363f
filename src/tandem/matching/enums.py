"""Modes, pair rules and proposal states of selection and matching (DESIGN.md §4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class RunStatus(models.TextChoices):
    """Where a run is: waiting for the worker, computing, done, failed or cancelled."""

    QUEUED = "queued", _("Waiting for the background worker")
    RUNNING = "running", _("Computing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", pgettext_lazy("match run", "Cancelled")


# Runs that are not finished: the run page shows their progress and can cancel them.
RUN_IN_PROGRESS = frozenset({RunStatus.QUEUED, RunStatus.RUNNING})


class RunPhase(models.TextChoices):
    """The steps of a run, in order, as the progress bar names them."""

    INPUTS = "inputs", _("Reading applications and mentor profiles")
    FIT = "fit", _("Computing fit scores")
    SOLVE = "solve", _("Choosing the pairs (all three modes)")
    EXPLAIN = "explain", _("Writing explanations")
    SAVE = "save", _("Saving the proposals")


class OverdueChoice(models.TextChoices):
    """What a round's coordinators decide when the date for answers has passed."""

    EXTEND = "extend", _("Extend the date for answers")
    WITHDRAW = "withdraw", _("Take the proposals back")
    LAPSE = "lapse", _("Treat silence as a decline")
