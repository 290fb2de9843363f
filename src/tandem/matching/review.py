"""Reviewing a run before it is sent: the score matrix and swapping two pairs' mentors.

Both read the fit the same way a run does (the run's weights, the round's data), so a
coordinator sees the alternatives the solver saw. A swap is a manual change: it needs a
reason, is logged, keeps every mentor's number of mentees, and is refused when a new pair
would break a rule of the run (different institutions, a shared language, an excluded
pair, the minimum fit) or undo a pinned pair.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.matching.engine import Assignment, Result, Rules, Weights, compute_fit, explain
from tandem.matching.engine.fit import rule_masks

from .enums import PairRuleKind, ProposalStatus
from .inputs import mentee_id, mentor_id, round_input, taxonomy_of
from .models import MatchRun, PairRule, Proposal
from .services import MatchSettings, _explanation, round_fit

REASON_MAX_LENGTH = Proposal._meta.get_field("manual_reason").max_length


def _settings_of(run: MatchRun) -> MatchSettings:
    known = set(MatchSettings.__dataclass_fields__)
    return MatchSettings(**{k: v for k, v in run.parameters.items() if k in known})


def _excluded(round) -> frozenset:
    return frozenset(
        (f"a{application}", f"m{profile}")
        for application, profile in PairRule.objects.filter(
            round=round, kind=PairRuleKind.EXCLUDE
        ).values_list("application_id", "mentor_profile_id")
    )


def fit_of_run(run: MatchRun):
    """(round data, fit matrix, rules) as the run's settings read them today; the fit
    matrix is None while the pool has no applicant or no mentor."""
    settings = _settings_of(run)
    data = round_input(run.round)
    if not data.mentees or not data.mentors:
        return data, None, None
    weights = Weights(settings.topic, settings.text, settings.context, settings.preference)
    fit = compute_fit(data.mentees, data.mentors, weights, taxonomy_of(run.round.programme))
    rules = Rules(
        min_fit=settings.min_fit,
        cross_institution=run.round.cross_institution_required,
        shared_language=settings.shared_language,
        excluded=_excluded(run.round),
    )
    return data, fit, rules


# --- the score matrix -----------------------------------------------------------------


@dataclass
class Cell:
    mentor_profile: int
    fit: int  # percent
    allowed: bool
    #: why a pair may not be proposed ("institution", "language", "excluded", "min_fit")
    blocked_by: list[str] = field(default_factory=list)
    proposed: bool = False
    components: dict[str, int] = field(default_factory=dict)


@dataclass
class MatrixRow:
    application: object
    cells: list[Cell]


@dataclass
class ScoreMatrix:
    profiles: list
    rows: list[MatrixRow]


def score_matrix(run: MatchRun) -> ScoreMatrix:
    """Every applicant against every mentor: fit in percent, components, rule marks."""
    data, fit, rules = fit_of_run(run)
    if fit is None:
        return ScoreMatrix(profiles=[], rows=[])
    masks = rule_masks(fit, rules)
    proposed = {
        (p.application_id, p.mentor_profile_id)
        for p in run.proposals.exclude(status=ProposalStatus.SUPERSEDED)
    }
    profiles = [data.profiles[mid] for mid in fit.mentor_ids]
    rows = []
    for i, eid in enumerate(fit.mentee_ids):
        application = data.applications[eid]
        parts = fit.component_rows([i])  # kept, or recomputed for large rounds
        cells = []
        for j, mid in enumerate(fit.mentor_ids):
            blocked = [
                name for name, mask in masks.items() if name != "capacity" and not mask[i, j]
            ]
            total = float(fit.total[i, j])
            if total < rules.min_fit:
                blocked.append("min_fit")
            cells.append(
                Cell(
                    mentor_profile=data.profiles[mid].pk,
                    fit=round(total * 100),
                    allowed=not blocked,
                    blocked_by=blocked,
                    proposed=(application.pk, data.profiles[mid].pk) in proposed,
                    components={
                        name: round(float(values[0, j]) * 100) for name, values in parts.items()
                    },
                )
            )
        rows.append(MatrixRow(application=application, cells=cells))
    return ScoreMatrix(profiles=profiles, rows=rows)


# --- swapping two pairs' mentors ------------------------------------------------------


@transaction.atomic
def swap_mentors(*, run: MatchRun, first: Proposal, second: Proposal, reason: str, by):
    """Give each of two draft proposals of the run the other's mentor (a manual change)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Please give a reason; it is kept in the log.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("Please keep the reason under %(n)s characters.")
                % {"n": REASON_MAX_LENGTH}
            }
        )
    if first.pk == second.pk:
        raise ValidationError({"other": _("Please choose another pair to swap with.")})
    locked = {
        p.pk: p
        for p in Proposal.objects.select_for_update()
        .filter(run=run, pk__in=[first.pk, second.pk])
        .select_related("application__person", "mentor_profile__person")
    }
    if len(locked) != 2:
        raise ValidationError({"other": _("Both pairs must belong to this run.")})
    first, second = locked[first.pk], locked[second.pk]
    if {first.status, second.status} != {ProposalStatus.DRAFT}:
        raise ValidationError(
            _("Only proposals that were not sent yet can be swapped; take a sent one back first.")
        )
    pinned = PairRule.objects.filter(round=run.round, kind=PairRuleKind.PIN).filter(
        application__in=[first.application_id, second.application_id]
    )
    if first.pinned or second.pinned or pinned.exists():
        raise ValidationError(
            _("A pinned pair cannot be swapped. Remove the rule “always pair” first.")
        )
    data, fit, rules = fit_of_run(run)
    if fit is None:
        raise ValidationError(
            _("The applicant or the mentor is no longer in the pool; start a new run.")
        )
    new_pairs = [
        (first, second.mentor_profile),
        (second, first.mentor_profile),
    ]
    masks = rule_masks(fit, rules)
    assignments = []
    for proposal, profile in new_pairs:
        eid, mid = mentee_id(proposal.application), mentor_id(profile)
        if eid not in fit.mentee_index or mid not in fit.mentor_index:
            raise ValidationError(
                _("The applicant or the mentor is no longer in the pool; start a new run.")
            )
        i, j = fit.mentee_index[eid], fit.mentor_index[mid]
        problems = [
            _rule_text(name)
            for name, mask in masks.items()
            if name != "capacity" and not mask[i, j]
        ]
        if float(fit.total[i, j]) < rules.min_fit:
            problems.append(_("fit below the run's minimum"))
        if problems:
            raise ValidationError(
                _("%(mentee)s and %(mentor)s cannot be paired: %(problems)s.")
                % {
                    "mentee": proposal.mentee.get_full_name(),
                    "mentor": profile.person.get_full_name(),
                    "problems": ", ".join(problems),
                }
            )
        assignments.append(Assignment(eid, mid, float(fit.total[i, j])))
    explanations = {
        ex.mentee_id: ex
        for ex in explain(fit, Result(mode=run.mode, assignments=assignments, unmatched=[]), rules)
        if ex.mentor_id
    }
    before = [(p.pk, p.mentor_profile_id) for p in (first, second)]
    for (proposal, profile), assignment in zip(new_pairs, assignments, strict=True):
        ex = explanations[assignment.mentee_id]
        proposal.mentor_profile = profile
        proposal.score = round_fit(assignment.score)
        proposal.components = ex.components
        proposal.explanation = _explanation(ex, data)
        proposal.manual_reason = reason
    # The unique constraint is per applicant, so the two rows can be saved one by one.
    for proposal in (first, second):
        proposal.save(
            update_fields=["mentor_profile", "score", "components", "explanation", "manual_reason"]
        )
    log_action(
        by,
        "matching.mentors_swapped",
        run,
        programme_round=run.round,
        data={"proposals": [first.pk, second.pk], "before": before, "reason": reason},
    )
    return first, second


def _rule_text(name: str) -> str:
    return {
        "institution": _("both work at the same institution"),
        "language": _("no shared language"),
        "excluded": _("the pair is excluded"),
    }.get(name, name)
