"""Matching runs with their inputs and results, the proposals they make, pair rules.

A run is kept for good (DESIGN.md §4 "History"): its settings, the ids of everyone it
considered, the pinned and excluded pairs it obeyed, and what came out. Proposals are
the pairs a run suggests; only proposals that were sent ask the two persons for consent.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.programmes.fields import TypedDateField

from .enums import (
    RUN_IN_PROGRESS,
    Answer,
    MatchMode,
    PairRuleKind,
    ProposalStatus,
    RunPhase,
    RunStatus,
)


class MatchRun(models.Model):
    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, related_name="match_runs"
    )
    number = models.PositiveIntegerField(_("run"))
    mode = models.CharField(_("mode"), max_length=10, choices=MatchMode.choices)
    #: weights (topic, text, context, preference), min_fit, places, cross_institution,
    #: shared_language — exactly what the engine was given
    parameters = models.JSONField(default=dict)
    #: ids of the applications and mentor profiles considered, pinned and excluded pairs
    inputs = models.JSONField(default=dict)
    #: total and lowest fit, counts, why each applicant was left out, the mode comparison
    summary = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("proposals sent at"), null=True, blank=True)
    answer_by = TypedDateField(_("answers due by"), null=True, blank=True)
    #: the run is computed by the background worker; the page shows where it is
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.DONE
    )
    phase = models.CharField(max_length=10, choices=RunPhase.choices, blank=True)
    #: percent of the whole run, 0..100
    progress = models.PositiveSmallIntegerField(default=0)
    #: why a run failed, in the words of the coordinator who started it (platform text)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="run_number_per_round")
        ]

    def __str__(self):
        return f"{self.round.name} #{self.number}"

    @property
    def in_progress(self) -> bool:
        return self.status in RUN_IN_PROGRESS

    @property
    def is_done(self) -> bool:
        return self.status == RunStatus.DONE


class Proposal(models.Model):
    """A pair a run suggests; once sent, mentee and mentor each accept or decline."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="proposals")
    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, related_name="proposals"
    )
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="proposals"
    )
    mentor_profile = models.ForeignKey(
        "recruitment.MentorProfile", on_delete=models.CASCADE, related_name="proposals"
    )
    score = models.FloatField(_("fit"))
    #: fit per component in [0, 1]
    components = models.JSONField(default=dict)
    #: shared topics, matching phrases, runner-up, close call, low fit (engine Explanation)
    explanation = models.JSONField(default=dict)
    pinned = models.BooleanField(_("pinned"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    answer_by = TypedDateField(_("answer by"), null=True, blank=True)
    mentee_answer = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    mentee_comment = models.TextField(blank=True)
    mentee_answered_at = models.DateTimeField(null=True, blank=True)
    mentor_answer = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    mentor_comment = models.TextField(blank=True)
    mentor_answered_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    #: the last day a reminder to answer went to each side (tandem.matching.consent)
    mentee_reminded_on = TypedDateField(null=True, blank=True, editable=False)
    mentor_reminded_on = TypedDateField(null=True, blank=True, editable=False)
    #: a coordinator's manual change of this pair (a swap of mentors), with the reason
    manual_reason = models.CharField(_("reason of the manual change"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "application"], name="one_proposal_per_applicant_and_run"
            )
        ]

    def __str__(self):
        return f"{self.application.person} – {self.mentor_profile.person}"

    @property
    def mentee(self):
        return self.application.person

    @property
    def mentor(self):
        return self.mentor_profile.person

    def side_of(self, person) -> str | None:
        """'mentee', 'mentor' or None: which side of this proposal a person is on."""
        if person.pk == self.application.person_id:
            return "mentee"
        if person.pk == self.mentor_profile.person_id:
            return "mentor"
        return None


class PairRule(models.Model):
    """A coordinator's decision about one pair, with the reason (logged)."""

    round = models.ForeignKey(
        "programmes.Round", on_delete=models.CASCADE, related_name="pair_rules"
    )
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="pair_rules"
    )
    mentor_profile = models.ForeignKey(
        "recruitment.MentorProfile", on_delete=models.CASCADE, related_name="pair_rules"
    )
    kind = models.CharField(_("rule"), max_length=8, choices=PairRuleKind.choices)
    reason = models.CharField(_("reason"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pair rule")
        verbose_name_plural = _("pair rules")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "mentor_profile"], name="one_rule_per_pair"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.application.person} – {self.mentor_profile}"
