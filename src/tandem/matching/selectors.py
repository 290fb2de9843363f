"""Reads of selection and matching for the coordinators' pages (DESIGN.md §4).

Only round coordinators reach these (permission "matching.run_matching"); every read is
scoped to one round. Fit values are stored in [0, 1]; rows hand them on as whole
percentages because that is how the pages show them.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.applications.enums import ACTIVE_STATES
from tandem.applications.models import Application, TopicChoice
from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tandem.matching.engine import DEFAULT_TAXONOMY
from tandem.matching.engine import model as engine
from tandem.programmes.enums import InstitutionType, RoleKind, SizeClass
from tandem.recruitment.models import MentorProfile, MentorTopic
from tandem.tandems.models import Tandem

from .enums import MatchMode, ProposalStatus, RunPhase, RunStatus
from .models import MatchRun, PairRule, Proposal

#: Why an applicant was left out, in words (engine reason codes; docs/matching.md).
REASONS = {
    engine.NO_FITTING_MENTOR: gettext_lazy("No mentor reaches the minimum fit."),
    engine.RULE_SAME_INSTITUTION: gettext_lazy(
        "The fitting mentors work at the applicant's own institution."
    ),
    engine.RULE_LANGUAGE: gettext_lazy("The fitting mentors share no language with the applicant."),
    engine.EXCLUDED: gettext_lazy("The fitting pairs were excluded."),
    engine.CAPACITY: gettext_lazy(
        "The fitting mentors' places went to applicants with a higher fit."
    ),
    engine.PLACES_CAP: gettext_lazy("The maximum number of tandems was reached."),
    engine.NOT_SELECTED: gettext_lazy("Not chosen by this mode."),
    engine.NEED_NOT_OFFERED: gettext_lazy("No mentor offers the applicant's central need."),
}
PROPOSAL_MAILS = ("proposal_to_mentee", "proposal_to_mentor")


def percent(value) -> int | None:
    return None if value is None else round(float(value) * 100)


# --- the pool and the overview ---------------------------------------------------------


@dataclass
class Pool:
    applications: int
    mentors: int
    places: int


def pool_of(round) -> Pool:
    """Who a run would consider now: the same people as tandem.matching.inputs."""
    mentor_people = round.roles.filter(role=RoleKind.MENTOR).values("person")
    capacities = MentorProfile.objects.filter(round=round, person__in=mentor_people).values_list(
        "capacity", flat=True
    )
    return Pool(
        applications=Application.objects.filter(round=round, state__in=ACTIVE_STATES).count(),
        mentors=len(capacities),
        places=sum(max(0, min(c, round.mentor_capacity)) for c in capacities),
    )


def runs_for_round(round):
    return MatchRun.objects.filter(round=round).select_related("created_by").order_by("-number")


def run_in_round(round, pk) -> MatchRun | None:
    return MatchRun.objects.filter(round=round, pk=pk).select_related("created_by").first()


def latest_run(round) -> MatchRun | None:
    """The latest finished run: its drafts are the ones that can be sent."""
    return MatchRun.objects.filter(round=round, status=RunStatus.DONE).order_by("-number").first()


def _with_people(queryset):
    return queryset.select_related(
        "application__person__institution",
        "application__institution",
        "mentor_profile__person__institution",
    )


def pair_rules_for_round(round):
    return _with_people(PairRule.objects.filter(round=round)).select_related("created_by")


def rule_in_round(round, pk) -> PairRule | None:
    return PairRule.objects.filter(round=round, pk=pk).first()


def proposal_in_round(round, pk) -> Proposal | None:
    return _with_people(Proposal.objects.filter(round=round, pk=pk)).first()


def proposal_mail_drafts(round) -> int:
    """Proposal e-mails that wait in the outbox for a coordinator to release them."""
    return QueuedMail.objects.filter(
        round=round, status=MailStatus.DRAFT, template_key__in=PROPOSAL_MAILS
    ).count()


@dataclass
class Consent:
    proposals: list  # sent at some time: waiting, agreed, declined, taken back
    tandems: list
    waiting: int = 0
    overdue: int = 0
    accepted: int = 0
    declined: int = 0


def consent_of(round) -> Consent:
    """Every proposal that was sent, with both answers; overdue ones carry ``overdue``."""
    today = timezone.localdate()
    proposals = list(
        _with_people(Proposal.objects.filter(round=round, sent_at__isnull=False))
        .select_related("run")
        .order_by("status", "answer_by", "application__person__name")
    )
    for proposal in proposals:
        proposal.overdue = (
            proposal.status == ProposalStatus.SENT
            and proposal.answer_by is not None
            and proposal.answer_by < today
        )
    counts = Counter(proposal.status for proposal in proposals)
    return Consent(
        proposals=proposals,
        tandems=list(Tandem.objects.filter(round=round).select_related("mentor", "mentee")),
        waiting=counts[ProposalStatus.SENT],
        overdue=sum(proposal.overdue for proposal in proposals),
        accepted=counts[ProposalStatus.ACCEPTED],
        declined=counts[ProposalStatus.DECLINED],
    )


# --- one run ---------------------------------------------------------------------------


@dataclass
class PairRow:
    """A proposal with its explanation made readable (topic labels, percentages)."""

    proposal: Proposal
    fit: int
    components: dict
    shared_topics: list
    phrases: list
    shared_terms: list
    close_call: bool
    low_fit: bool
    runner_up: str
    runner_up_fit: int | None
    rule: PairRule | None = None


def _topic_labels(programme_round) -> dict[str, str]:
    return {topic.key: topic.label for topic in programme_round.programme.topics.all()}


def _pair_row(proposal, labels, rules, names=None) -> PairRow:
    why = proposal.explanation or {}
    return PairRow(
        proposal=proposal,
        fit=percent(proposal.score),
        components={key: percent(value) for key, value in (proposal.components or {}).items()},
        shared_topics=[
            {
                "label": labels.get(item["topic"], item["topic"]),
                "rank": item.get("mentee_rank"),
                "level": item.get("mentor_level"),
            }
            for item in why.get("shared_topics", [])
        ],
        phrases=[
            {"phrase": item["phrase"], "topic": labels.get(item["topic"], item["topic"])}
            for item in why.get("phrases", [])
        ],
        shared_terms=why.get("shared_terms", []),
        close_call=bool(why.get("close_call")),
        low_fit=bool(why.get("low_fit")),
        runner_up=names.get(why.get("runner_up_profile"), "") if names else "",
        runner_up_fit=percent(why.get("runner_up_score")),
        rule=rules.get((proposal.application_id, proposal.mentor_profile_id)),
    )


def _rules_by_pair(programme_round) -> dict:
    return {
        (rule.application_id, rule.mentor_profile_id): rule
        for rule in PairRule.objects.filter(round=programme_round)
    }


def _mentor_names(round) -> dict[int, str]:
    """Mentor profile pk -> the person's name now (stored explanations hold only ids)."""
    return {
        pk: name or email
        for pk, name, email in MentorProfile.objects.filter(round=round).values_list(
            "pk", "person__name", "person__email"
        )
    }


def run_pairs(run, proposals=None) -> list[PairRow]:
    """The pairs this run proposed anew (kept pairs: see kept_pairs); `proposals` narrows
    them (one page of run_proposals)."""
    labels, rules = _topic_labels(run.round), _rules_by_pair(run.round)
    if proposals is None:
        proposals = run_proposals(run)
    names = _mentor_names(run.round)
    return [_pair_row(proposal, labels, rules, names) for proposal in proposals]


def run_proposals(run):
    """The run's new proposals, best fit first, with the people (for paging)."""
    return _with_people(run.proposals.all()).order_by("-score", "pk")


def draft_pairs(run, *, search: str = "", leaving_out=None):
    """The run's draft proposals (those a swap may change), best fit first, with the people;
    `search` keeps those whose mentee or mentor has it in their name."""
    drafts = _with_people(run.proposals.filter(status=ProposalStatus.DRAFT))
    if leaving_out is not None:
        drafts = drafts.exclude(pk=leaving_out.pk)
    if search:
        drafts = drafts.filter(
            Q(application__person__name__icontains=search)
            | Q(mentor_profile__person__name__icontains=search)
        )
    return drafts.order_by("-score", "pk")


#: a run that waited this long for the worker says that no worker may be running
WORKER_MISSING_AFTER = 20


@dataclass
class RunProgress:
    status: str
    percent: int
    phases: list  # (label, "done" | "current" | "waiting")
    waiting_seconds: int
    worker_missing: bool


def run_progress(run) -> RunProgress:
    """Where a run stands, in the order of its phases, for the progress bar."""
    waiting = int((timezone.now() - run.created_at).total_seconds())
    codes = list(RunPhase.values)
    current = codes.index(run.phase) if run.phase in codes else -1
    if run.status == RunStatus.QUEUED:
        current = -1
    phases = []
    for index, (_code, label) in enumerate(RunPhase.choices):
        if run.status == RunStatus.DONE or index < current:
            state = "done"
        elif index == current and run.status == RunStatus.RUNNING:
            state = "current"
        else:
            state = "waiting"
        phases.append((label, state))
    return RunProgress(
        status=run.status,
        percent=100 if run.status == RunStatus.DONE else int(run.progress),
        phases=phases,
        waiting_seconds=waiting,
        worker_missing=run.status == RunStatus.QUEUED and waiting >= WORKER_MISSING_AFTER,
    )


def kept_pairs(run) -> list[PairRow]:
    """Pairs that were sent or agreed before this run and that it kept, as they are now."""
    kept = {tuple(pair) for pair in run.inputs.get("kept", [])}
    if not kept:
        return []
    labels, rules = _topic_labels(run.round), _rules_by_pair(run.round)
    candidates = _with_people(
        Proposal.objects.filter(
            round=run.round,
            run__number__lt=run.number,
            sent_at__isnull=False,
            application__in={pair[0] for pair in kept},
        )
    ).order_by("-sent_at", "-pk")
    latest = {}
    for proposal in candidates:
        pair = (proposal.application_id, proposal.mentor_profile_id)
        if pair in kept:
            latest.setdefault(pair, proposal)
    names = _mentor_names(run.round)
    return [_pair_row(proposal, labels, rules, names) for proposal in latest.values()]


@dataclass
class LeftOut:
    application: Application
    reason: str
    reason_text: str
    detail: str


# The engine returns a reason's detail as data ({"kind", parameters}); each kind has its own
# translated sentence, with the mentor named from the stored profile id.
_DETAILS = {
    "best_allowed": gettext_lazy("Best mentor within the rules: %(mentor)s (%(fit)s %%)."),
    "below_minimum": gettext_lazy(
        "Highest fit: %(fit)s %% with %(mentor)s, below the minimum of %(minimum)s %%."
    ),
    "best_fit": gettext_lazy("Best fit: %(fit)s %% with %(mentor)s."),
    "no_mentors": gettext_lazy("There were no mentors."),
    "need": gettext_lazy("No mentor offers “%(need)s”."),
}


def detail_in_words(params: dict, mentor_names: dict[int, str]) -> str:
    """A stored reason detail as one sentence in the reader's language."""
    text = _DETAILS.get((params or {}).get("kind"))
    if text is None:
        return ""
    values = {
        "mentor": mentor_names.get(params.get("mentor_profile"), _("a mentor")),
        "fit": percent(params.get("fit")),
        "minimum": percent(params.get("minimum")),
        "need": params.get("need", ""),
    }
    return str(text) % values


def left_out(run, unplaced: list[dict] | None = None) -> list[LeftOut]:
    """Everyone the run did not place (or these of them: one page), with the reason in
    words (and the detail)."""
    unplaced = run.summary.get("unplaced", []) if unplaced is None else unplaced
    applications = (
        Application.objects.filter(
            round=run.round, pk__in=[item["application"] for item in unplaced]
        )
        .select_related("person__institution", "institution")
        .in_bulk()
    )
    names = _mentor_names(run.round)
    rows = []
    for item in unplaced:
        application = applications.get(item["application"])
        if application is None:  # deleted since the run (e.g. erasure)
            continue
        rows.append(
            LeftOut(
                application=application,
                reason=item["reason"],
                reason_text=str(REASONS.get(item["reason"], item["reason"])),
                detail=detail_in_words(item.get("params", {}), names),
            )
        )
    return rows


@dataclass
class ModeRow:
    mode: str
    label: str
    admitted: int
    total_fit: float
    lowest_fit: int | None
    mean_fit: int | None
    low_fit_pairs: int
    blocking_pairs: int
    same_pairs: int | None
    chosen: bool
    differences: str = ""


def mode_comparison(run) -> list[ModeRow]:
    """The three modes on the run's data, and in words how each differs from the best total."""
    labels = dict(MatchMode.choices)
    rows = [
        ModeRow(
            mode=item["mode"],
            label=str(labels.get(item["mode"], item["mode"])),
            admitted=item["admitted"],
            total_fit=item["total_fit"],
            lowest_fit=percent(item.get("lowest_fit")),
            mean_fit=percent(item.get("mean_fit")),
            low_fit_pairs=item.get("low_fit_pairs", 0),
            blocking_pairs=item.get("blocking_pairs", 0),
            same_pairs=item.get("same_pairs_as_optimal"),
            chosen=item["mode"] == run.mode,
        )
        for item in run.summary.get("comparison", [])
    ]
    best = next((row for row in rows if row.mode == MatchMode.OPTIMAL), None)
    for row in rows:
        if best is None or row is best:
            continue
        if (row.admitted, row.same_pairs) == (best.admitted, best.admitted):
            row.differences = _("the same pairs.")
            continue
        row.differences = _(
            "%(admitted)+d tandems, total fit %(total)+.2f, lowest fit "
            "%(lowest)+d points; %(same)s of %(pairs)s pairs the same."
        ) % {
            "admitted": row.admitted - best.admitted,
            "total": row.total_fit - best.total_fit,
            "lowest": (row.lowest_fit or 0) - (best.lowest_fit or 0),
            "same": row.same_pairs if row.same_pairs is not None else "–",
            "pairs": best.admitted,
        }
    return rows


# --- recruitment gaps -------------------------------------------------------------------


@dataclass
class TopicGap:
    label: str
    unplaced: int = 0
    low_fit: int = 0
    levels: dict = field(default_factory=lambda: {1: 0, 2: 0, 3: 0})

    @property
    def demand(self) -> int:
        return self.unplaced + self.low_fit

    @property
    def mentors(self) -> int:
        return sum(self.levels.values())

    @property
    def short(self) -> bool:
        """More people in need than mentors who offer the topic at level 2 or 3."""
        return self.demand > self.levels[2] + self.levels[3]


@dataclass
class GroupGap:
    label: str
    unplaced: int = 0
    low_fit: int = 0
    mentors: int = 0


@dataclass
class Cause:
    reason: str
    label: str
    people: list
    #: for "no mentor offers the need": the needs in the applicants' words (whom to recruit)
    needs: list = field(default_factory=list)


@dataclass
class GapReport:
    unplaced: int
    low_fit: int
    topics: list[TopicGap]
    institution_types: list[GroupGap]
    sizes: list[GroupGap]
    causes: list[Cause]
    allrounders: int  # mentors who offer the all-round topic for small libraries


def recruitment_gaps(run) -> GapReport:
    """Demand (applicants left out or paired with low fit) against the run's mentors.

    Demand counts each person once per topic they named (any rank) and once for their
    institution's type and size; supply counts the mentors the run considered, per topic
    at each level and per type and size of their institution.
    """
    unplaced_ids = [item["application"] for item in run.summary.get("unplaced", [])]
    low_fit_ids = [
        row.proposal.application_id for row in run_pairs(run) + kept_pairs(run) if row.low_fit
    ]
    applications = (
        Application.objects.filter(round=run.round, pk__in=unplaced_ids + low_fit_ids)
        .select_related("person__institution", "institution")
        .prefetch_related(
            Prefetch("topic_choices", queryset=TopicChoice.objects.select_related("topic"))
        )
        .in_bulk()
    )
    profiles = list(
        MentorProfile.objects.filter(round=run.round, pk__in=run.inputs.get("mentor_profiles", []))
        .select_related("person__institution")
        .prefetch_related(Prefetch("levels", queryset=MentorTopic.objects.select_related("topic")))
    )
    topics = {topic.pk: TopicGap(topic.label) for topic in run.round.programme.topics.all()}
    types = {value: GroupGap(str(label)) for value, label in InstitutionType.choices}
    sizes = {value: GroupGap(str(label)) for value, label in SizeClass.choices}

    for kind, ids in (("unplaced", unplaced_ids), ("low_fit", low_fit_ids)):
        for pk in ids:
            application = applications.get(pk)
            if application is None:
                continue
            for choice in application.topic_choices.all():
                if choice.topic_id in topics:
                    _add(topics[choice.topic_id], kind)
            institution = application.institution or application.person.institution
            if institution is not None:
                _add(types.get(institution.type), kind)
                _add(sizes.get(institution.size_class), kind)

    allrounders = 0
    for profile in profiles:
        for level in profile.levels.all():
            if level.topic_id in topics and level.level in (1, 2, 3):
                topics[level.topic_id].levels[level.level] += 1
            allrounders += level.topic.key == DEFAULT_TAXONOMY.allrounder_topic
        institution = profile.person.institution
        if institution is not None:
            for groups, value in ((types, institution.type), (sizes, institution.size_class)):
                if value in groups:
                    groups[value].mentors += 1

    causes = defaultdict(list)
    needs = defaultdict(list)
    for item in run.summary.get("unplaced", []):
        application = applications.get(item["application"])
        if application is not None:
            causes[item["reason"]].append(application.person)
            need = (item.get("params") or {}).get("need")
            if need:
                needs[item["reason"]].append(need)
    return GapReport(
        unplaced=len([pk for pk in unplaced_ids if pk in applications]),
        low_fit=len([pk for pk in low_fit_ids if pk in applications]),
        topics=sorted(topics.values(), key=lambda row: -row.demand),
        institution_types=list(types.values()),
        sizes=list(sizes.values()),
        causes=sorted(
            (
                Cause(
                    reason,
                    str(REASONS.get(reason, reason)),
                    sorted(people, key=lambda person: person.get_full_name()),
                    needs=needs.get(reason, []),
                )
                for reason, people in causes.items()
            ),
            key=lambda cause: -len(cause.people),
        ),
        allrounders=allrounders,
    )


def _add(group, kind: str) -> None:
    if group is not None:
        setattr(group, kind, getattr(group, kind) + 1)


@dataclass
class DuplicatePair:
    first: object  # Institution
    second: object


def institutions_of_round(round):
    """The institutions of the round's applicants and mentors (what its coordinators see)."""
    from tandem.programmes.models import Institution

    people = MentorProfile.objects.filter(round=round).values("person__institution")
    applicants = Application.objects.filter(round=round).values("person__institution")
    chosen = Application.objects.filter(round=round).values("institution")
    return Institution.objects.filter(
        Q(pk__in=people) | Q(pk__in=applicants) | Q(pk__in=chosen)
    ).order_by("name")


def duplicate_institutions(round) -> list[DuplicatePair]:
    """Pairs among the round's institutions that probably are one house (to merge)."""
    from tandem.matching.engine.institutions import likely_same

    found = list(institutions_of_round(round))
    return [
        DuplicatePair(a, b)
        for k, a in enumerate(found)
        for b in found[k + 1 :]
        if likely_same(a.name, b.name)
    ]
