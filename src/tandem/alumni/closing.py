"""Closing a round: the one state change that ends it (STYLE.md: ``close_round``).

Tandems that met are completed; their members become alumni of the programme and get a
certificate of participation each; the round moves to the alumni phase and has ended
from this day on, which starts the retention clock
(``tandem.programmes.selectors.rounds_with_end``).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.programmes.enums import PhaseKind, RoleKind
from tandem.programmes.models import Round
from tandem.tandems.enums import MeetingStatus
from tandem.tandems.models import Tandem
from tandem.training.models import TrainingInvitation

from .models import Alumnus, Certificate, TandemCompletion


@dataclass(frozen=True)
class ClosingSummary:
    tandems: int
    completed: int
    certificates: int
    alumni: int


def _held(now):
    """Meetings that took place: marked as held, or planned and begun (as the overview
    counts them: members do not always mark a meeting as held)."""
    return Q(meetings__status=MeetingStatus.HELD) | Q(
        meetings__status=MeetingStatus.PLANNED, meetings__starts_at__lte=now
    )


def closing_preview(programme_round: Round, now=None) -> ClosingSummary:
    """What closing the round now would do (counts only)."""
    now = now or timezone.now()
    tandems = Tandem.objects.filter(round=programme_round).annotate(
        held=Count("meetings", filter=_held(now))
    )
    met = [t for t in tandems if t.held]
    people = {t.mentor_id for t in met} | {t.mentee_id for t in met}
    holders = {(t.mentor_id, RoleKind.MENTOR) for t in met} | {
        (t.mentee_id, RoleKind.MENTEE) for t in met
    }
    return ClosingSummary(
        tandems=len(tandems), completed=len(met), certificates=len(holders), alumni=len(people)
    )


def _period(round: Round, today: dt.date) -> tuple[dt.date, dt.date]:
    phase = round.phases.filter(kind=PhaseKind.TANDEM_PHASE).first()
    if phase is None:
        return round.created_at.date(), today
    return phase.starts_on, min(phase.ends_on, today)


def _trainings(round: Round) -> dict[int, list[str]]:
    attended = defaultdict(list)
    rows = (
        TrainingInvitation.objects.filter(session__round=round, attended=True)
        .order_by("session__starts_at", "session__pk")
        .values_list("person_id", "session__title")
    )
    for person_id, title in rows:
        attended[person_id].append(title)
    return attended


@transaction.atomic
def close_round(*, round: Round, by, now=None) -> ClosingSummary:
    """Close the round once: complete the tandems that met, make alumni, issue certificates."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    round = (
        Round.objects.select_for_update().select_related("programme__organisation").get(pk=round.pk)
    )
    if round.closed_on is not None:
        raise ValidationError(_("This round has already been closed."))
    tandems = list(
        Tandem.objects.filter(round=round)
        .select_related("mentor", "mentee")
        .annotate(held=Count("meetings", filter=_held(now)))
    )
    met = [tandem for tandem in tandems if tandem.held]
    TandemCompletion.objects.bulk_create(
        TandemCompletion(tandem=tandem, meetings_held=tandem.held, completed_on=today)
        for tandem in met
    )
    # A mentor with several mentees gets one certificate counting all their meetings.
    holders: dict[tuple[int, str], dict] = {}
    for tandem in met:
        for person, role in ((tandem.mentor, RoleKind.MENTOR), (tandem.mentee, RoleKind.MENTEE)):
            entry = holders.setdefault((person.pk, role), {"person": person, "meetings": 0})
            entry["meetings"] += tandem.held
    start, end = _period(round, today)
    trainings = _trainings(round)
    programme = round.programme
    Certificate.objects.bulk_create(
        Certificate(
            round=round,
            person=entry["person"],
            role=role,
            holder_name=entry["person"].get_full_name(),
            organisation_name=programme.organisation.name,
            programme_name=programme.name,
            round_name=round.name,
            period_start=start,
            period_end=end,
            meetings_held=entry["meetings"],
            trainings=trainings.get(person_id, []),
            issued_on=today,
        )
        for (person_id, role), entry in holders.items()
    )
    people = {entry["person"] for entry in holders.values()}
    known = set(Alumnus.objects.filter(programme=programme).values_list("person_id", flat=True))
    Alumnus.objects.bulk_create(
        Alumnus(programme=programme, person=person, since=today)
        for person in people
        if person.pk not in known
    )
    round.closed_on = today
    round.current_phase = PhaseKind.ALUMNI
    round.save(update_fields=["closed_on", "current_phase"])
    summary = ClosingSummary(
        tandems=len(tandems), completed=len(met), certificates=len(holders), alumni=len(people)
    )
    log_action(by, "round.closed", round, programme_round=round, data=vars(summary))
    return summary
