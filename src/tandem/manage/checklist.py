"""The coordinator's checklist of a round: what the platform can check, phase by phase.

Each check is one small function of the round and names the phases in which it matters;
the checklist shows the checks of the round's current phase. Another part of the platform
(training, evaluation) adds its own check by adding one entry to ``CHECKS``. Only counts
and states are read here — never what a tandem wrote (DESIGN.md §2).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from tandem.programmes.enums import PhaseKind as P
from tandem.programmes.enums import RoleKind
from tandem.programmes.models import Round


@dataclass
class ChecklistItem:
    label: str
    done: bool
    detail: str = ""
    #: where the coordinator acts on an open item (empty: nothing to do on a page)
    url: str = ""


@dataclass(frozen=True)
class Check:
    phases: frozenset
    item: Callable[[Round], ChecklistItem]


def _role_count(round, role) -> int:
    return round.roles.filter(role=role).count()


def topics_defined(round) -> ChecklistItem:
    n = round.programme.topics.count()
    return ChecklistItem(_("Topic taxonomy defined"), n > 0, _("%(n)s topics") % {"n": n})


def dates_set(round) -> ChecklistItem:
    n = round.phases.count()
    return ChecklistItem(
        _("Dates set for every phase"),
        n == len(P),
        _("%(n)s of %(total)s phases") % {"n": n, "total": len(P)},
    )


def trainer_assigned(round) -> ChecklistItem:
    return ChecklistItem(_("A trainer is assigned"), _role_count(round, RoleKind.TRAINER) > 0)


def mentors_recruited(round) -> ChecklistItem:
    mentors = _role_count(round, RoleKind.MENTOR)
    return ChecklistItem(
        _("Mentors recruited"),
        mentors > 0,
        _("%(n)s mentors, %(places)s places")
        % {"n": mentors, "places": mentors * round.mentor_capacity},
    )


def invitations_answered(round) -> ChecklistItem:
    from tandem.recruitment.enums import CandidateStatus

    n = round.candidates.filter(status=CandidateStatus.INVITED).count()
    return ChecklistItem(
        _("Every invited mentor has answered"), n == 0, _("without an answer: %(n)s") % {"n": n}
    )


def mentor_profiles_written(round) -> ChecklistItem:
    with_profile = round.mentor_profiles.values("person")
    n = round.roles.filter(role=RoleKind.MENTOR).exclude(person__in=with_profile).count()
    return ChecklistItem(
        _("Every mentor has written a profile"), n == 0, _("without a profile: %(n)s") % {"n": n}
    )


def info_event_scheduled(round) -> ChecklistItem:
    from tandem.recruitment.models import InfoEvent

    return ChecklistItem(_("Info event scheduled"), InfoEvent.objects.filter(round=round).exists())


def call_published(round) -> ChecklistItem:
    return ChecklistItem(_("Call and mentor gallery are public"), round.is_public)


def applications_received(round) -> ChecklistItem:
    from tandem.applications.enums import ApplicationState

    counts = dict(round.applications.values_list("state").annotate(n=Count("id")))
    drafts = counts.pop(ApplicationState.DRAFT, 0)
    received = sum(n for state, n in counts.items() if state != ApplicationState.WITHDRAWN)
    return ChecklistItem(
        _("Applications received"),
        received > 0,
        _("submitted: %(n)s, drafts: %(drafts)s") % {"n": received, "drafts": drafts},
    )


def matching_run(round) -> ChecklistItem:
    n = round.match_runs.count()
    return ChecklistItem(_("Matching has been run"), n > 0, _("runs: %(n)s") % {"n": n})


def proposals_sent(round) -> ChecklistItem:
    from tandem.matching.enums import ProposalStatus
    from tandem.matching.models import Proposal

    n = Proposal.objects.filter(round=round, status=ProposalStatus.DRAFT).count()
    return ChecklistItem(_("No proposal waits to be sent"), n == 0, _("not sent: %(n)s") % {"n": n})


def proposals_answered(round) -> ChecklistItem:
    from tandem.matching.enums import ProposalStatus
    from tandem.matching.models import Proposal

    n = (
        Proposal.objects.filter(round=round, status=ProposalStatus.SENT)
        .filter(Q(mentee_answer="") | Q(mentor_answer=""))
        .count()
    )
    return ChecklistItem(
        _("Every sent proposal has been answered"),
        n == 0,
        _("without both answers: %(n)s") % {"n": n},
    )


def no_answers_overdue(round) -> ChecklistItem:
    from django.urls import reverse

    from tandem.matching.consent import overdue_proposals

    n = overdue_proposals(round).count()
    return ChecklistItem(
        _("No proposal is past its date for answers"),
        n == 0,
        _("overdue: %(n)s — extend, take back or count silence as a decline") % {"n": n}
        if n
        else "",
        url=reverse("manage:matching_overdue", kwargs=round.url_kwargs) if n else "",
    )


def agreements_confirmed(round) -> ChecklistItem:
    from tandem.tandems.models import Tandem

    tandems = Tandem.objects.filter(round=round)
    total = tandems.count()
    open_ = tandems.filter(
        Q(agreement__isnull=True)
        | Q(agreement__mentee_confirmed_at__isnull=True)
        | Q(agreement__mentor_confirmed_at__isnull=True)
    ).count()
    return ChecklistItem(
        _("Every tandem has confirmed its agreement"),
        total > 0 and open_ == 0,
        _("%(open)s of %(total)s tandems not yet") % {"open": open_, "total": total},
    )


def no_quiet_tandems(round) -> ChecklistItem:
    from tandem.tandems.overview import tandem_overview

    summaries = tandem_overview(round)
    quiet = sum(1 for summary in summaries if summary.quiet)
    return ChecklistItem(_("No tandem is quiet"), quiet == 0, _("quiet: %(n)s") % {"n": quiet})


def outbox_reviewed(round) -> ChecklistItem:
    from tandem.mail.enums import MailStatus
    from tandem.mail.models import QueuedMail

    n = QueuedMail.objects.filter(round=round, status=MailStatus.DRAFT).count()
    return ChecklistItem(
        _("No e-mail draft waits for review"), n == 0, _("drafts in the outbox: %(n)s") % {"n": n}
    )


def mentors_trained(round) -> ChecklistItem:
    from tandem.training.selectors import mentors_without_training

    missing = list(mentors_without_training(round).values_list("name", flat=True))
    detail = _("Without training: %(names)s") % {"names": ", ".join(missing)} if missing else ""
    return ChecklistItem(
        _("Every mentor attended a training before the tandem phase"), not missing, detail
    )


def tandem_members_interviewed(round) -> ChecklistItem:
    from tandem.evaluation.selectors import interviews_of_tandem_members

    held, members = interviews_of_tandem_members(round)
    return ChecklistItem(
        _("Every member of a tandem was interviewed"),
        held == members,
        _("interviews held: %(held)s of %(members)s") % {"held": held, "members": members},
    )


def feedback_session_summarised(round) -> ChecklistItem:
    from django.utils import timezone

    from tandem.evaluation.selectors import feedback_session_of

    session = feedback_session_of(round)
    done = bool(
        session
        and session.cancelled_at is None
        and session.starts_at <= timezone.now()
        and session.summary
    )
    return ChecklistItem(_("The feedback session took place and is summarised"), done)


def surveys_run(round) -> ChecklistItem:
    from tandem.surveys.enums import SurveyKind, SurveyState
    from tandem.surveys.selectors import survey_state_summary

    summary = survey_state_summary(round)
    detail = "; ".join(
        _("%(title)s: %(state)s, %(answered)s of %(invited)s answered")
        % {
            "title": survey.title,
            "state": survey.get_state_display(),
            "answered": answered,
            "invited": invited,
        }
        for survey, answered, invited in summary
    )
    done = any(
        survey.kind == SurveyKind.FINAL and survey.state == SurveyState.CLOSED
        for survey, _answered, _invited in summary
    )
    return ChecklistItem(_("The final survey is closed and its results published"), done, detail)


def _from(first: P, last: P) -> frozenset:
    order = P.ordered()
    return frozenset(order[order.index(first) : order.index(last) + 1])


#: Which check matters in which phases, in the order they are shown.
CHECKS: list[Check] = [
    Check(_from(P.SETUP, P.APPLICATIONS), topics_defined),
    Check(_from(P.SETUP, P.APPLICATIONS), dates_set),
    Check(_from(P.SETUP, P.TRAINING), trainer_assigned),
    Check(_from(P.SETUP, P.MATCHING), mentors_recruited),
    Check(_from(P.RECRUITMENT, P.INFO_EVENT), invitations_answered),
    Check(_from(P.RECRUITMENT, P.APPLICATIONS), mentor_profiles_written),
    Check(_from(P.RECRUITMENT, P.INFO_EVENT), info_event_scheduled),
    Check(_from(P.INFO_EVENT, P.APPLICATIONS), call_published),
    Check(_from(P.APPLICATIONS, P.MATCHING), applications_received),
    Check(_from(P.MATCHING, P.MATCHING), matching_run),
    Check(_from(P.MATCHING, P.TRAINING), proposals_sent),
    Check(_from(P.MATCHING, P.TANDEM_PHASE), proposals_answered),
    Check(_from(P.MATCHING, P.TANDEM_PHASE), no_answers_overdue),
    Check(_from(P.MATCHING, P.TRAINING), mentors_trained),
    Check(_from(P.TRAINING, P.TANDEM_PHASE), agreements_confirmed),
    Check(_from(P.TANDEM_PHASE, P.TANDEM_PHASE), no_quiet_tandems),
    Check(_from(P.EVALUATION, P.EVALUATION), tandem_members_interviewed),
    Check(_from(P.EVALUATION, P.EVALUATION), feedback_session_summarised),
    Check(_from(P.EVALUATION, P.EVALUATION), surveys_run),
    Check(frozenset(P), outbox_reviewed),
]


def round_checklist(programme_round: Round) -> list[ChecklistItem]:
    """The checks of the round's current phase (no self-reported ticks)."""
    phase = P(programme_round.current_phase)
    return [check.item(programme_round) for check in CHECKS if phase in check.phases]
