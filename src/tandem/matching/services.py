"""State changes of selection and matching: one function each, validated, logged.

DESIGN.md §4: a run chooses whom to admit and with whom; coordinators pin or exclude
pairs with a reason; proposals go to both persons, who accept or decline by a date;
two yeses form a tandem; a no excludes the pair, and the next run keeps every pair that
was sent or agreed and solves again for the rest.
"""

import time
from dataclasses import asdict, dataclass

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from tandem.applications import services as application_services
from tandem.applications.enums import ApplicationState
from tandem.audit.services import log_action
from tandem.mail.services import queue_mail
from tandem.matching.engine import (
    RuleConflict,
    Rules,
    Weights,
    compare_modes,
    compute_fit,
    explain,
)
from tandem.programmes.models import Round
from tandem.programmes.selectors import coordinators_of
from tandem.tandems.services import form_tandem

from . import selectors
from .enums import (
    HELD,
    RUN_IN_PROGRESS,
    Answer,
    MatchMode,
    PairRuleKind,
    ProposalStatus,
    RunPhase,
    RunStatus,
)
from .inputs import mentee_id, mentor_id, pk_of, round_input, taxonomy_of
from .models import MatchRun, PairRule, Proposal


@dataclass
class MatchSettings:
    """What a coordinator chooses for a run; defaults follow the engine's."""

    mode: str = MatchMode.OPTIMAL
    # the engine's own defaults, so the web app proposes what `tandem-match` proposes
    topic: float = Weights.topic
    text: float = Weights.text
    context: float = Weights.context
    preference: float = Weights.preference
    min_fit: float = Rules.min_fit
    places: int | None = None
    shared_language: bool = True


def last_settings(round) -> MatchSettings:
    """The settings of the round's latest run, so a re-run starts where the last one was."""
    run = round.match_runs.order_by("-number").first()
    if run is None:
        return MatchSettings()
    known = set(MatchSettings.__dataclass_fields__)
    return MatchSettings(**{k: v for k, v in run.parameters.items() if k in known})


# --- runs -----------------------------------------------------------------------------
#
# A run is started in the request (start_run: the settings are checked, the run gets its
# number and waits) and computed by the background worker (compute_run, task
# tandem.matching.tasks.compute_match_run), which reports its phase and percent on the run
# and stops when a coordinator cancels it. run_matching does both at once (demo, tests).

#: share of the whole run at the start of each phase (the progress bar)
PHASE_START = {
    RunPhase.INPUTS: 0,
    RunPhase.FIT: 5,
    RunPhase.SOLVE: 45,
    RunPhase.EXPLAIN: 80,
    RunPhase.SAVE: 90,
}
PHASE_ORDER = list(PHASE_START)


class RunCancelled(Exception):
    """A coordinator cancelled the run while it was computed."""


def _check_places(settings: MatchSettings, held: int) -> None:
    if settings.places is not None and held > settings.places:
        raise ValidationError(
            {
                "places": _(
                    "%(n)s pairs are already proposed or agreed; the maximum number of tandems "
                    "cannot be lower."
                )
                % {"n": held}
            }
        )


def _check_settings(settings: MatchSettings) -> Weights:
    if settings.mode not in MatchMode.values:
        raise ValidationError({"mode": _("Please choose a mode.")})
    try:
        weights = Weights(settings.topic, settings.text, settings.context, settings.preference)
        weights.normalised()
    except ValueError:
        raise ValidationError(
            {"topic": _("The weights must not be negative and at least one must be above 0.")}
        ) from None
    return weights


@transaction.atomic
def start_run(*, round, by, settings: MatchSettings, enqueue: bool = True) -> MatchRun:
    """Check the settings, give the run its number and hand it to the background worker.

    Two coordinators starting at the same moment get two runs: the round's row lock (and
    on SQLite the write lock every transaction takes) puts the second after the first.
    """
    Round.objects.select_for_update().filter(pk=round.pk).first()
    _check_settings(settings)
    pool = selectors.pool_of(round)
    if not pool.applications:
        raise ValidationError(_("There are no submitted applications to match."))
    if not pool.mentors:
        raise ValidationError(_("There are no mentor profiles to match with."))
    _check_places(settings, Proposal.objects.filter(round=round, status__in=HELD).count())
    number = (round.match_runs.aggregate(n=Max("number"))["n"] or 0) + 1
    run = MatchRun.objects.create(
        round=round,
        number=number,
        mode=settings.mode,
        parameters=asdict(settings),
        created_by=by,
        status=RunStatus.QUEUED,
    )
    log_action(by, "matching.run_started", run, programme_round=round, data={"mode": settings.mode})
    if enqueue:
        from .tasks import compute_match_run

        transaction.on_commit(lambda: compute_match_run.enqueue(run.pk))
    return run


@transaction.atomic
def cancel_run(*, run: MatchRun, by) -> bool:
    """Stop a run that waits or computes; False if it had already finished."""
    run = MatchRun.objects.select_for_update().get(pk=run.pk)
    if run.status not in RUN_IN_PROGRESS:
        return False
    run.status, run.finished_at = RunStatus.CANCELLED, timezone.now()
    run.save(update_fields=["status", "finished_at"])
    log_action(by, "matching.run_cancelled", run, programme_round=run.round)
    return True


class _Progress:
    """Writes phase and percent to the run (at most every half second) and notices a cancel."""

    def __init__(self, run: MatchRun):
        self.run_pk = run.pk
        self.last = 0.0

    def __call__(self, phase: str, share: float = 0.0, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < 0.5:
            return
        self.last = now
        i = PHASE_ORDER.index(phase)
        lo = PHASE_START[phase]
        hi = PHASE_START[PHASE_ORDER[i + 1]] if i + 1 < len(PHASE_ORDER) else 100
        percent = int(lo + (hi - lo) * min(max(share, 0.0), 1.0))
        with transaction.atomic():
            updated = MatchRun.objects.filter(pk=self.run_pk, status=RunStatus.RUNNING).update(
                phase=phase, progress=percent
            )
        if not updated:
            raise RunCancelled


def compute_run(run_id: int) -> MatchRun | None:
    """The worker's part: solve the round for a waiting run and keep what came out.

    Not one transaction: the phases are written as they pass so the page can show them.
    A problem the coordinator must solve (pinned pairs against the rules, ...) ends the
    run as failed with the reason; a cancel stops it at the next progress report.
    """
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != RunStatus.QUEUED:
            return run
        run.status, run.started_at, run.phase = RunStatus.RUNNING, timezone.now(), RunPhase.INPUTS
        run.save(update_fields=["status", "started_at", "phase"])
    language = getattr(run.created_by, "language", None) or django_settings.LANGUAGE_CODE
    progress = _Progress(run)
    try:
        with translation.override(language):
            _compute(run, progress)
    except RunCancelled:
        return MatchRun.objects.get(pk=run.pk)
    except ValidationError as problem:
        MatchRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
            status=RunStatus.FAILED, error=" ".join(problem.messages), finished_at=timezone.now()
        )
    except Exception:
        with translation.override(language):
            message = _("The run stopped because of an error on the server; please try again.")
        MatchRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
            status=RunStatus.FAILED, error=message, finished_at=timezone.now()
        )
        raise
    return MatchRun.objects.get(pk=run.pk)


def run_matching(*, round, by, settings: MatchSettings) -> MatchRun:
    """Start a run and compute it at once (the demo, tests, scripts).

    A problem is raised and, unlike a failed background run, nothing is kept.
    """
    run = start_run(round=round, by=by, settings=settings, enqueue=False)
    run = compute_run(run.pk)
    if run.status == RunStatus.FAILED:
        error = run.error
        run.delete()
        raise ValidationError(error)
    return run


#: compute_fit's stages as shares of the fit phase (so the bar only moves forward)
FIT_STAGES = {"text analysis": (0.0, 0.3), "text fit": (0.3, 0.9), "fit scores": (0.9, 1.0)}


def _fit_share(stage: str, share: float) -> float:
    lo, hi = FIT_STAGES.get(stage, (0.0, 1.0))
    return lo + (hi - lo) * share


def _compute(run: MatchRun, progress: _Progress) -> None:
    round = run.round
    settings = MatchSettings(
        **{k: v for k, v in run.parameters.items() if k in MatchSettings.__dataclass_fields__}
    )
    weights = _check_settings(settings)
    progress(RunPhase.INPUTS, 0.0, force=True)
    data = round_input(round)
    if not data.mentees:
        raise ValidationError(_("There are no submitted applications to match."))
    if not data.mentors:
        raise ValidationError(_("There are no mentor profiles to match with."))

    held = list(
        Proposal.objects.filter(round=round, status__in=HELD).select_related(
            "application", "mentor_profile"
        )
    )
    held_pairs = {(mentee_id(p.application), mentor_id(p.mentor_profile)) for p in held}
    held_pairs = {
        pair for pair in held_pairs if pair[0] in data.applications and pair[1] in data.profiles
    }
    held_mentees = {pair[0] for pair in held_pairs}
    _check_places(settings, len(held_pairs))
    pinned, excluded = set(held_pairs), set()
    for rule in PairRule.objects.filter(round=round):
        pair = (f"a{rule.application_id}", f"m{rule.mentor_profile_id}")
        if pair[0] not in data.applications or pair[1] not in data.profiles:
            continue
        if rule.kind == PairRuleKind.EXCLUDE:
            excluded.add(pair)
        elif pair[0] not in held_mentees:  # a sent or agreed pair comes first
            pinned.add(pair)
    rules = Rules(
        min_fit=settings.min_fit,
        cross_institution=round.cross_institution_required,
        shared_language=settings.shared_language,
        places=settings.places,
        excluded=frozenset(excluded),
        pinned=frozenset(pinned),
    )
    progress(RunPhase.FIT, 0.0, force=True)
    fit = compute_fit(
        data.mentees,
        data.mentors,
        weights,
        taxonomy_of(round.programme),
        progress=lambda stage, share: progress(RunPhase.FIT, _fit_share(stage, share)),
    )
    progress(RunPhase.SOLVE, 0.0, force=True)
    try:
        results, comparison = compare_modes(fit, rules)
    except RuleConflict as conflict:
        raise ValidationError(
            _("The pinned pairs contradict the rules or the mentors' places: %(problem)s")
            % {"problem": conflict}
        ) from None
    result = results[settings.mode]
    progress(RunPhase.EXPLAIN, 0.0, force=True)
    explanations = {ex.mentee_id: ex for ex in explain(fit, result, rules)}
    progress(RunPhase.SAVE, 0.0, force=True)
    _save(run, data, result, comparison, explanations, held_pairs, pinned, excluded)


@transaction.atomic
def _save(run, data, result, comparison, explanations, held_pairs, pinned, excluded) -> None:
    round = run.round
    Round.objects.select_for_update().filter(pk=round.pk).first()
    run = MatchRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.RUNNING:
        raise RunCancelled
    if Proposal.objects.filter(round=round, sent_at__gte=run.started_at).exists():
        # the pairs sent meanwhile were not kept by this run: its result could clash
        raise ValidationError(
            _("Proposals were sent while this run was computed; please start a new run.")
        )
    run.inputs = {
        "applications": [pk_of(m.id) for m in data.mentees],
        "mentor_profiles": [pk_of(m.id) for m in data.mentors],
        "kept": sorted([pk_of(e), pk_of(r)] for e, r in held_pairs),
        "pinned": sorted([pk_of(e), pk_of(r)] for e, r in pinned - held_pairs),
        "excluded": sorted([pk_of(e), pk_of(r)] for e, r in excluded),
    }
    # Drafts of earlier runs are replaced by this run's; sent and agreed pairs stay. When a
    # later run (started after this one) finished first, its drafts stay and this run's are
    # kept as replaced.
    newer_done = round.match_runs.filter(number__gt=run.number, status=RunStatus.DONE).exists()
    if not newer_done:
        Proposal.objects.filter(
            round=round, status=ProposalStatus.DRAFT, run__number__lt=run.number
        ).update(status=ProposalStatus.SUPERSEDED)
    new = [a for a in result.assignments if (a.mentee_id, a.mentor_id) not in held_pairs]
    Proposal.objects.bulk_create(
        (
            Proposal(
                run=run,
                round=round,
                application=data.applications[a.mentee_id],
                mentor_profile=data.profiles[a.mentor_id],
                score=round_fit(a.score),
                components=explanations[a.mentee_id].components,
                explanation=_explanation(explanations[a.mentee_id], data),
                pinned=a.pinned,
                status=ProposalStatus.SUPERSEDED if newer_done else ProposalStatus.DRAFT,
            )
            for a in new
        ),
        batch_size=500,
    )
    run.summary = {
        "pairs": len(result.assignments),
        "new_pairs": len(new),
        "kept_pairs": len(result.assignments) - len(new),
        "total_fit": round_fit(result.total_fit),
        "lowest_fit": None if result.lowest_fit is None else round_fit(result.lowest_fit),
        "applicants": len(data.mentees),
        "places": sum(m.capacity for m in data.mentors),
        "unplaced": [
            {
                "application": pk_of(u.mentee_id),
                "reason": u.reason,
                "params": _stored_params(u.params),
            }
            for u in result.unmatched
        ],
        "comparison": [_plain(row) for row in comparison],
    }
    run.status, run.phase, run.progress = RunStatus.DONE, RunPhase.SAVE, 100
    run.finished_at = timezone.now()
    run.save(update_fields=["inputs", "summary", "status", "phase", "progress", "finished_at"])
    log_action(
        run.created_by,
        "matching.run",
        run,
        programme_round=round,
        data={"mode": run.mode, "pairs": len(result.assignments)},
    )


def round_fit(value: float) -> float:
    return round(float(value), 4)


def _plain(row: dict) -> dict:
    return {
        key: (round_fit(value) if isinstance(value, float) else value) for key, value in row.items()
    }


def _stored_params(params: dict) -> dict:
    """A reason's parameters as stored: the engine's mentor id becomes the profile's pk
    (an id, never a name, so nothing outlives an account's deletion)."""
    stored = {key: value for key, value in params.items() if key != "mentor"}
    if params.get("mentor"):
        stored["mentor_profile"] = pk_of(params["mentor"])
    return stored


def _explanation(ex, data) -> dict:
    return {
        "shared_topics": ex.shared_topics,
        "phrases": ex.phrases,
        "shared_terms": ex.shared_terms,
        "runner_up_profile": pk_of(ex.runner_up) if ex.runner_up else None,
        "runner_up_score": ex.runner_up_score,
        "close_call": ex.close_call,
        "low_fit": ex.low_fit,
        "vague": ex.vague,
        "params": _stored_params(ex.params),
    }


# --- pair rules -----------------------------------------------------------------------


@transaction.atomic
def set_pair_rule(*, round, application, mentor_profile, kind: str, reason: str, by) -> PairRule:
    """Pin or exclude one pair for the next runs; the reason is required and logged."""
    if application.round_id != round.pk or mentor_profile.round_id != round.pk:
        raise ValidationError(_("This pair does not belong to this round."))
    if kind not in PairRuleKind.values:
        raise ValidationError({"kind": _("Please choose pin or exclude.")})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Please give a reason; it is kept in the log.")})
    held = Proposal.objects.filter(application=application, status__in=HELD).first()
    if held is not None:
        # A sent or agreed pair binds the next runs; a rule against it could never hold.
        raise ValidationError(
            _(
                "A proposal for this applicant was already sent or agreed. Take it back first "
                "(only proposals that wait for answers can be taken back)."
            )
        )
    rule, _created = PairRule.objects.update_or_create(
        application=application,
        mentor_profile=mentor_profile,
        defaults={"round": round, "kind": kind, "reason": reason[:500], "created_by": by},
    )
    log_action(
        by, f"matching.pair_{kind}", rule, programme_round=round, data={"reason": reason[:500]}
    )
    return rule


@transaction.atomic
def remove_pair_rule(*, rule: PairRule, by) -> None:
    log_action(
        by, "matching.pair_rule_removed", rule, programme_round=rule.round, data={"kind": rule.kind}
    )
    rule.delete()


# --- proposals ------------------------------------------------------------------------


@transaction.atomic
def send_proposals(*, run: MatchRun, answer_by, by) -> int:
    """Ask both persons of every draft proposal of this run; the mails wait for review."""
    if answer_by < timezone.localdate():
        raise ValidationError({"answer_by": _("The date for answers must not lie in the past.")})
    drafts = list(
        run.proposals.filter(status=ProposalStatus.DRAFT).select_related(
            "application__person__institution",
            "mentor_profile__person",
            "round__programme__organisation",
        )
    )
    if not drafts:
        raise ValidationError(_("This run has no proposals left to send."))
    now = timezone.now()
    for proposal in drafts:
        proposal.status = ProposalStatus.SENT
        proposal.answer_by = answer_by
        proposal.sent_at = now
        proposal.save(update_fields=["status", "answer_by", "sent_at"])
        for side in ("mentee", "mentor"):
            _mail_side(proposal, side)
    run.sent_at, run.answer_by = now, answer_by
    run.save(update_fields=["sent_at", "answer_by"])
    log_action(
        by,
        "matching.proposals_sent",
        run,
        programme_round=run.round,
        data={"count": len(drafts), "answer_by": answer_by.isoformat()},
    )
    return len(drafts)


def _mail_side(proposal: Proposal, side: str) -> None:
    person = proposal.mentee if side == "mentee" else proposal.mentor
    partner = proposal.mentor if side == "mentee" else proposal.mentee
    round = proposal.round
    with translation.override(person.language):
        topics = (
            ", ".join(
                _topic_label(round, item["topic"])
                for item in proposal.explanation.get("shared_topics", [])
            )
            or "–"
        )
        answer_by = formats.date_format(proposal.answer_by, "DATE_FORMAT")
    queue_mail(
        key=f"proposal_to_{side}",
        to=person.email,
        recipient=person,
        round=round,
        review=True,
        context={
            "name": person.get_full_name(),
            "partner": partner.get_full_name(),
            "partner_institution": partner.institution.name if partner.institution else "–",
            "topics": topics,
            "answer_by": answer_by,
            "round": round.name,
            "programme": round.programme.name,
            "organisation": round.programme.organisation.name,
            "url": reverse("portal:proposal", kwargs=round.url_kwargs),
        },
    )


def _topic_label(programme_round, key: str) -> str:
    topic = programme_round.programme.topics.filter(key=key).first()
    return topic.label if topic else key


@transaction.atomic
def answer_proposal(*, proposal: Proposal, person, answer: str, comment: str = "") -> Proposal:
    """Mentee or mentor says yes or no. Two yeses form the tandem; one no ends the pair."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    side = proposal.side_of(person)
    if side is None:
        raise ValidationError(_("This proposal does not concern you."))
    if proposal.status != ProposalStatus.SENT:
        raise ValidationError(_("This proposal is no longer open for answers."))
    if getattr(proposal, f"{side}_answer"):
        raise ValidationError(_("You have already answered this proposal."))
    if proposal.answer_by and timezone.localdate() > proposal.answer_by:
        raise ValidationError(
            _("The time for answers has run out; please write to the coordinators.")
        )
    if answer not in Answer.values:
        raise ValidationError({"answer": _("Please choose yes or no.")})
    if answer == Answer.DECLINE and not comment.strip():
        raise ValidationError(
            {
                "comment": _(
                    "Please say in a few words why it does not fit; it helps the next proposal."
                )
            }
        )
    setattr(proposal, f"{side}_answer", answer)
    setattr(proposal, f"{side}_comment", comment.strip()[:2000])
    setattr(proposal, f"{side}_answered_at", timezone.now())
    action = "accepted" if answer == Answer.ACCEPT else "declined"
    log_action(
        person,
        f"matching.proposal_{action}",
        proposal,
        programme_round=proposal.round,
        data={"side": side},
    )
    if answer == Answer.DECLINE:
        _decline(proposal, side)
    elif proposal.mentee_answer == proposal.mentor_answer == Answer.ACCEPT:
        _form_tandem(proposal)
    proposal.save()
    return proposal


def _decline(proposal: Proposal, side: str) -> None:
    proposal.status = ProposalStatus.DECLINED
    proposal.decided_at = timezone.now()
    # The pair is never proposed again; the reason names the side, not the comment,
    # which only coordinators read on the proposal itself.
    PairRule.objects.update_or_create(
        application=proposal.application,
        mentor_profile=proposal.mentor_profile,
        defaults={
            "round": proposal.round,
            "kind": PairRuleKind.EXCLUDE,
            "created_by": None,
            "reason": _("Declined by the mentee")
            if side == "mentee"
            else _("Declined by the mentor"),
        },
    )
    round = proposal.round
    for coordinator in coordinators_of(round):
        with translation.override(coordinator.language):
            side_label = _("by the mentee") if side == "mentee" else _("by the mentor")
        queue_mail(
            key="proposal_declined",
            to=coordinator.email,
            recipient=coordinator,
            round=round,
            context={
                "round": round.name,
                "side": side_label,
                "url": reverse("manage:matching", kwargs=round.url_kwargs),
            },
        )


def _form_tandem(proposal: Proposal) -> None:
    proposal.status = ProposalStatus.ACCEPTED
    proposal.decided_at = timezone.now()
    round = proposal.round
    form_tandem(round=round, mentor=proposal.mentor, mentee=proposal.mentee, proposal=proposal)
    application = proposal.application
    if application.state != ApplicationState.ADMITTED:
        application_services.change_state(
            application=application, to_state=ApplicationState.ADMITTED, by=None
        )
    log_action(None, "tandem.formed", proposal, programme_round=round)
    for person, partner in ((proposal.mentee, proposal.mentor), (proposal.mentor, proposal.mentee)):
        queue_mail(
            key="tandem_formed",
            to=person.email,
            recipient=person,
            round=round,
            context={
                "name": person.get_full_name(),
                "partner": partner.get_full_name(),
                "partner_email": partner.email,
                "round": round.name,
                "organisation": round.programme.organisation.name,
            },
        )


@transaction.atomic
def withdraw_proposal(*, proposal: Proposal, by) -> Proposal:
    """A coordinator takes back a sent proposal that has not been agreed (e.g. no answer)."""
    if proposal.status != ProposalStatus.SENT:
        raise ValidationError(_("Only proposals that wait for answers can be taken back."))
    proposal.status = ProposalStatus.SUPERSEDED
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_at"])
    log_action(by, "matching.proposal_withdrawn", proposal, programme_round=proposal.round)
    round = proposal.round
    for person, partner in ((proposal.mentee, proposal.mentor), (proposal.mentor, proposal.mentee)):
        queue_mail(
            key="proposal_withdrawn",
            to=person.email,
            recipient=person,
            round=round,
            context={
                "name": person.get_full_name(),
                "partner": partner.get_full_name(),
                "round": round.name,
                "organisation": round.programme.organisation.name,
            },
        )
    return proposal


# --- erasure and retention (called from personal_data.py) -----------------------------


@transaction.atomic
def erase_participant(*, person) -> dict[str, int]:
    """An erased person's words leave matching: their comments on proposals, the words
    their texts shared with a partner's (explanations keep ids, scores and topic keys),
    and the coordinators' pair rules about them, whose reasons may describe them."""
    as_mentee = Proposal.objects.filter(application__person=person)
    as_mentor = Proposal.objects.filter(mentor_profile__person=person)
    counts = {
        "proposal_comments_blanked": as_mentee.exclude(mentee_comment="").update(mentee_comment="")
        + as_mentor.exclude(mentor_comment="").update(mentor_comment="")
    }
    for proposal in (as_mentee | as_mentor).select_for_update():
        if proposal.explanation.get("shared_terms"):
            proposal.explanation = {**proposal.explanation, "shared_terms": []}
            proposal.save(update_fields=["explanation"])
    rules = PairRule.objects.filter(application__person=person) | PairRule.objects.filter(
        mentor_profile__person=person
    )
    counts["pair_rules"] = rules.delete()[1].get(PairRule._meta.label, 0)
    return counts


@transaction.atomic
def clean_round_state(*, programme_round, dry_run: bool = False) -> dict[str, int]:
    """Matching's working state of a round past retention goes: proposals that did not
    become a tandem (with the answers' comments) and the pair rules with their reasons."""
    proposals = Proposal.objects.filter(round=programme_round).exclude(
        status=ProposalStatus.ACCEPTED
    )
    pair_rules = PairRule.objects.filter(round=programme_round)
    counts = {"proposals": proposals.count(), "pair_rules": pair_rules.count()}
    if not dry_run:
        proposals.delete()
        pair_rules.delete()
    return counts
