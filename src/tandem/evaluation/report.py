"""The round report's figures: one function computes them, the page, the PDF and the
spreadsheet all show what it returns.

Each section is its own small function over the round's data; ``round_report`` puts
them together for one viewer (trainers get no matching section: DESIGN.md §2). Only
counts, sums and averages leave here — no names, no texts people wrote about others
(interview notes never enter the report; the lessons learned are the coordinators' own
text, the feedback summary the moderator's).

Two sections come from other apps: ``survey_results`` (tandem.surveys.results
.results_for_round: closed surveys only, with its small-group rule) and ``early_end``
(tandem.tandems.selectors.early_end_counts: counts per reason category, never the text).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from tandem.applications.enums import ACTIVE_STATES, ApplicationState
from tandem.applications.models import Application
from tandem.applications.selectors import demand_and_supply
from tandem.matching.models import MatchRun
from tandem.matching.selectors import mode_comparison, percent, pool_of
from tandem.programmes.enums import PhaseKind, RoleKind, SizeClass
from tandem.surveys.results import results_for_round
from tandem.tandems.enums import EndCategory, MeetingStatus
from tandem.tandems.models import Meeting, Tandem, TimeSpent
from tandem.tandems.selectors import early_end_counts
from tandem.training.selectors import consultation_counts

from .selectors import feedback_session_of, interview_counts, lessons_learned


@dataclass(frozen=True)
class Applications:
    submitted: int  # every application beyond the draft
    active: int
    admitted: int
    declined: int
    withdrawn: int
    mentors: int
    places: int
    tandems: int


@dataclass(frozen=True)
class Demand:
    label: str
    mentees: int
    mentors: int | None  # None: the mentors' offer per topic is not known


@dataclass(frozen=True)
class ModeFigures:
    label: str
    admitted: int
    mean_fit: int | None  # percent
    lowest_fit: int | None
    chosen: bool
    differences: str


@dataclass(frozen=True)
class Matching:
    runs: int
    run_number: int
    mode: str
    pairs: int
    applicants: int
    places: int
    mean_fit: int | None  # percent, over the run's pairs
    lowest_fit: int | None
    modes: tuple[ModeFigures, ...]


@dataclass(frozen=True)
class Meetings:
    tandems: int
    held: int
    planned: int
    cancelled: int
    per_month: tuple[tuple[str, int], ...]  # ("2027-03", held meetings), in time order
    per_tandem: tuple[tuple[int, int], ...]  # (held meetings, number of tandems)

    @property
    def mean_per_tandem(self) -> float | None:
        return round(self.held / self.tandems, 1) if self.tandems else None


@dataclass(frozen=True)
class TimeOfGroup:
    role: str  # "mentor" or "mentee"
    people: int  # who recorded any time
    meeting_minutes: int
    preparation_minutes: int

    def _per_person(self, minutes: int) -> float | None:
        return round(minutes / 60 / self.people, 1) if self.people else None

    @property
    def meeting_hours_per_person(self) -> float | None:
        return self._per_person(self.meeting_minutes)

    @property
    def preparation_hours_per_person(self) -> float | None:
        return self._per_person(self.preparation_minutes)


@dataclass(frozen=True)
class Consultations:
    offered: int
    booked: int
    held: int


@dataclass(frozen=True)
class Evaluation:
    interviews_planned: int
    interviews_held: int
    feedback_date: dt.datetime | None
    feedback_invited: int
    feedback_attended: int
    feedback_summary: str


@dataclass(frozen=True)
class ComparisonRow:
    round_name: str
    is_this_round: bool
    applications: int
    places: int
    tandems: int
    meetings_held: int
    mean_meetings: float | None
    interviews_held: int
    feedback_attended: int


@dataclass(frozen=True)
class EarlyEnds:
    total: int
    by_reason: tuple[tuple[str, int], ...]  # (category in words, count), every category


@dataclass
class RoundReport:
    round_name: str
    programme_name: str
    organisation_name: str
    made_at: dt.datetime
    applications: Applications
    topics: tuple[Demand, ...]
    topic_offer_known: bool
    institution_types: tuple[Demand, ...]
    institution_sizes: tuple[Demand, ...]
    matching: Matching | None  # None: no run yet, or the viewer may not see matching
    meetings: Meetings
    time_spent: tuple[TimeOfGroup, ...]
    consultations: Consultations
    evaluation: Evaluation
    lessons_learned: str
    comparison: tuple[ComparisonRow, ...] = ()
    # Joined from other apps where they provide them (see the module's docstring).
    survey_results: object | None = None
    early_end: EarlyEnds | None = None
    show_matching: bool = field(default=True)


# --- the sections ----------------------------------------------------------------------------


def applications_section(round) -> Applications:
    states = dict(
        Application.objects.filter(round=round)
        .values("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    pool = pool_of(round)
    return Applications(
        submitted=sum(n for state, n in states.items() if state != ApplicationState.DRAFT),
        active=sum(n for state, n in states.items() if state in ACTIVE_STATES),
        admitted=states.get(ApplicationState.ADMITTED, 0),
        declined=states.get(ApplicationState.DECLINED, 0),
        withdrawn=states.get(ApplicationState.WITHDRAWN, 0),
        mentors=pool.mentors,
        places=pool.places,
        tandems=Tandem.objects.filter(round=round).count(),
    )


def topics_section(round) -> tuple[tuple[Demand, ...], bool]:
    figures = demand_and_supply(round)
    rows = tuple(Demand(str(row.label), row.applicants, row.mentors) for row in figures["topics"])
    return rows, figures["topic_supply_known"]


def institution_types_section(round) -> tuple[Demand, ...]:
    figures = demand_and_supply(round)
    return tuple(
        Demand(str(row.label), row.applicants, row.mentors) for row in figures["institution_types"]
    )


def institution_sizes_section(round) -> tuple[Demand, ...]:
    mentees = dict(
        Application.objects.filter(round=round, state__in=ACTIVE_STATES)
        .values("institution__size_class")
        .annotate(n=Count("id"))
        .values_list("institution__size_class", "n")
    )
    mentors = dict(
        round.roles.filter(role=RoleKind.MENTOR)
        .values("person__institution__size_class")
        .annotate(n=Count("id"))
        .values_list("person__institution__size_class", "n")
    )
    return tuple(
        Demand(str(label), mentees.get(value, 0), mentors.get(value, 0))
        for value, label in SizeClass.choices
    )


def matching_section(programme_round) -> Matching | None:
    """The run whose proposals went out last (else the latest run), and how modes differed."""
    runs = MatchRun.objects.filter(round=programme_round)
    run = (
        runs.filter(sent_at__isnull=False).order_by("-number").first()
        or runs.order_by("-number").first()
    )
    if run is None:
        return None
    scores = list(run.proposals.values_list("score", flat=True))
    summary = run.summary or {}
    return Matching(
        runs=runs.count(),
        run_number=run.number,
        mode=str(run.get_mode_display()),
        pairs=summary.get("pairs", len(scores)),
        applicants=summary.get("applicants", 0),
        places=summary.get("places", 0),
        mean_fit=percent(sum(scores) / len(scores)) if scores else None,
        lowest_fit=percent(min(scores)) if scores else None,
        modes=tuple(
            ModeFigures(
                label=row.label,
                admitted=row.admitted,
                mean_fit=row.mean_fit,
                lowest_fit=row.lowest_fit,
                chosen=row.chosen,
                differences=str(row.differences),
            )
            for row in mode_comparison(run)
        ),
    )


def _months(first: dt.date, last: dt.date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month) and len(months) < 36:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def meetings_section(round) -> Meetings:
    meetings = Meeting.objects.filter(tandem__round=round)
    status = dict(meetings.values("status").annotate(n=Count("id")).values_list("status", "n"))
    held = meetings.filter(status=MeetingStatus.HELD)
    zone = timezone.get_current_timezone()
    held_months = [
        timezone.localtime(starts_at, zone).strftime("%Y-%m")
        for starts_at in held.values_list("starts_at", flat=True)
    ]
    phase = round.phases.filter(kind=PhaseKind.TANDEM_PHASE).first()
    if phase is not None:
        months = _months(phase.starts_on, phase.ends_on)
    elif held_months:
        first, last = min(held_months), max(held_months)
        months = _months(dt.date.fromisoformat(first + "-01"), dt.date.fromisoformat(last + "-01"))
    else:
        months = []
    months += sorted(set(held_months) - set(months))
    per_month = tuple((month, held_months.count(month)) for month in sorted(months))
    counts = dict.fromkeys(Tandem.objects.filter(round=round).values_list("pk", flat=True), 0)
    for tandem_id, n in held.values("tandem").annotate(n=Count("id")).values_list("tandem", "n"):
        counts[tandem_id] = n
    largest = max(counts.values(), default=0)
    values = list(counts.values())
    per_tandem = tuple((k, values.count(k)) for k in range(largest + 1)) if counts else ()
    return Meetings(
        tandems=len(counts),
        held=status.get(MeetingStatus.HELD, 0),
        planned=status.get(MeetingStatus.PLANNED, 0),
        cancelled=status.get(MeetingStatus.CANCELLED, 0),
        per_month=per_month,
        per_tandem=per_tandem,
    )


def time_section(round) -> tuple[TimeOfGroup, ...]:
    """Minutes recorded for meetings and their preparation, mentors and mentees apart."""
    entries = TimeSpent.objects.filter(meeting__tandem__round=round)
    groups = []
    for role, side in ((RoleKind.MENTOR, "mentor"), (RoleKind.MENTEE, "mentee")):
        own = entries.filter(person=F(f"meeting__tandem__{side}"))
        totals = own.aggregate(
            meeting=Sum("meeting_minutes"),
            preparation=Sum("preparation_minutes"),
            people=Count(
                "person",
                distinct=True,
                filter=Q(meeting_minutes__gt=0) | Q(preparation_minutes__gt=0),
            ),
        )
        groups.append(
            TimeOfGroup(
                role=str(role.label),
                people=totals["people"] or 0,
                meeting_minutes=totals["meeting"] or 0,
                preparation_minutes=totals["preparation"] or 0,
            )
        )
    return tuple(groups)


def consultations_section(round) -> Consultations:
    counts = consultation_counts(round)
    return Consultations(offered=counts.offered, booked=counts.booked, held=counts.held)


def evaluation_section(round) -> Evaluation:
    interviews = interview_counts(round)
    session = feedback_session_of(round)
    active = session is not None and session.cancelled_at is None
    invitations = list(session.invitations.all()) if active else []
    return Evaluation(
        interviews_planned=interviews["planned"],
        interviews_held=interviews["held"],
        feedback_date=session.starts_at if active else None,
        feedback_invited=len(invitations),
        feedback_attended=sum(bool(i.attended) for i in invitations),
        feedback_summary=session.summary if active else "",
    )


def comparison_row(programme_round, this_round) -> ComparisonRow:
    applications = applications_section(programme_round)
    meetings = meetings_section(programme_round)
    evaluation = evaluation_section(programme_round)
    return ComparisonRow(
        round_name=programme_round.name,
        is_this_round=programme_round.pk == this_round.pk,
        applications=applications.submitted,
        places=applications.places,
        tandems=applications.tandems,
        meetings_held=meetings.held,
        mean_meetings=meetings.mean_per_tandem,
        interviews_held=evaluation.interviews_held,
        feedback_attended=evaluation.feedback_attended,
    )


def comparison_section(round, viewer) -> tuple[ComparisonRow, ...]:
    """The programme's rounds whose report the viewer may read, oldest first."""
    rounds = [
        other
        for other in round.programme.rounds.order_by("created_at", "pk")
        if viewer.has_perm("evaluation.view_report", other)
    ]
    return tuple(comparison_row(other, round) for other in rounds)


# --- the whole report ----------------------------------------------------------------------


def early_end_section(round) -> EarlyEnds:
    counts = early_end_counts(round)
    labels = dict(EndCategory.choices)
    return EarlyEnds(
        total=sum(counts.values()),
        by_reason=tuple((str(labels[category]), n) for category, n in counts.items()),
    )


def round_report(round, viewer) -> RoundReport:
    """Every figure of the report as the viewer may see it."""
    topics, offer_known = topics_section(round)
    show_matching = viewer.has_perm("evaluation.view_matching_summary", round)
    return RoundReport(
        round_name=round.name,
        programme_name=round.programme.name,
        organisation_name=round.programme.organisation.name,
        made_at=timezone.now(),
        applications=applications_section(round),
        topics=topics,
        topic_offer_known=offer_known,
        institution_types=institution_types_section(round),
        institution_sizes=institution_sizes_section(round),
        matching=matching_section(round) if show_matching else None,
        meetings=meetings_section(round),
        time_spent=time_section(round),
        consultations=consultations_section(round),
        evaluation=evaluation_section(round),
        lessons_learned=lessons_learned(round),
        comparison=comparison_section(round, viewer),
        survey_results=results_for_round(round),
        early_end=early_end_section(round),
        show_matching=show_matching,
    )
