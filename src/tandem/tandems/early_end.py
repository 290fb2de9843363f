"""Ending a tandem early: either member may, with a reason for the coordinators alone.

The reason never reaches the partner, the workspace, the notes or the audit log (which
keeps the category); the partner is told neutrally. Planned meetings are cancelled, so
calendar programs remove them (SEQUENCE raised). The workspace stays readable for both,
but takes no more changes. Whether the remaining person may be offered a new match
(tandem.matching.rematch) depends on how far the tandem phase has gone.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.mail.services import queue_mail
from tandem.programmes.enums import PhaseKind
from tandem.programmes.selectors import coordinators_of

from . import selectors
from .enums import EndCategory, MeetingStatus, SeriesStatus
from .models import EarlyEnd, Meeting, MeetingSeries, Tandem
from .services import require_member

REASON_MAX_LENGTH = 2000


@transaction.atomic
def end_tandem(*, tandem: Tandem, by, category: str, reason: str = "") -> EarlyEnd:
    """One member ends the tandem early; the reason is for the coordinators only."""
    # Read access suffices here: that it has ended already is checked under the lock.
    side = require_member(tandem, by, reading=True)
    reason = reason.strip()
    errors = {}
    if category not in EndCategory.values:
        errors["category"] = [_("Please choose the reason that fits best.")]
    if len(reason) > REASON_MAX_LENGTH:
        errors["reason"] = [
            _("Please keep this under %(n)s characters.") % {"n": REASON_MAX_LENGTH}
        ]
    if errors:
        raise ValidationError(errors)
    locked = Tandem.objects.select_for_update().get(pk=tandem.pk)
    if locked.ended_at:
        # The partner ended it a moment earlier: one end, the first one.
        raise ValidationError(_("This tandem has already ended."))
    now = timezone.now()
    tandem.ended_at = locked.ended_at = now
    locked.save(update_fields=["ended_at"])
    early_end = EarlyEnd.objects.create(
        tandem=locked, ended_by=by, side=side, category=category, reason=reason
    )
    cancelled = 0
    for meeting in Meeting.objects.select_for_update().filter(
        tandem=locked, status=MeetingStatus.PLANNED, starts_at__gt=now
    ):
        meeting.status = MeetingStatus.CANCELLED
        meeting.sequence += 1
        meeting.save(update_fields=["status", "sequence", "updated_at"])
        cancelled += 1
    MeetingSeries.objects.filter(tandem=locked, status=SeriesStatus.PROPOSED).update(
        status=SeriesStatus.DECLINED, answered_at=now
    )
    log_action(
        by,
        "tandem.ended_early",
        locked,
        programme_round=tandem.round,
        data={"side": side, "category": category, "meetings_cancelled": cancelled},
    )
    _tell(tandem, by, category)
    return early_end


def _tell(tandem: Tandem, by, category: str) -> None:
    round = tandem.round
    partner = selectors.partner_of(tandem, by)
    queue_mail(
        key="tandem_ended_partner",
        to=partner.email,
        recipient=partner,
        round=round,
        review=False,
        context={
            "name": partner.get_full_name(),
            "partner": by.get_full_name(),
            "round": round.name,
            "organisation": round.programme.organisation.name,
        },
    )
    for coordinator in coordinators_of(round):
        with translation.override(coordinator.language):
            label = str(EndCategory(category).label)
        queue_mail(
            key="tandem_ended_coordinators",
            to=coordinator.email,
            recipient=coordinator,
            round=round,
            review=False,
            context={
                "round": round.name,
                "category": label,
                "url": reverse("manage:tandems", kwargs=round.url_kwargs) + "#early-ends",
            },
        )


# --- the coordinators' side -------------------------------------------------------------


def tandem_phase_of(round) -> tuple[dt.date, dt.date] | None:
    phase = round.phases.filter(kind=PhaseKind.TANDEM_PHASE).first()
    return (phase.starts_on, phase.ends_on) if phase else None


def new_match_until(tandem: Tandem) -> dt.date:
    """The last day on which the remaining person may still be offered a new match: the
    round's share of the tandem phase (``Round.new_match_within_percent``) after its start."""
    dates = tandem_phase_of(tandem.round)
    if dates is None:
        # No dates set: the round's length in months, counted from the tandem's forming.
        start = timezone.localdate(tandem.created_at)
        end = start + dt.timedelta(days=round(30.4 * tandem.round.tandem_months))
    else:
        start, end = dates
    percent = tandem.round.new_match_within_percent
    return start + dt.timedelta(days=(end - start).days * percent // 100)


def may_offer_new_match(early_end: EarlyEnd, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    tandem = early_end.tandem
    return (
        early_end.new_match_offered_at is None
        and tandem.proposal_id is not None
        # 0 %: the round offers none, also for a tandem that ends before the phase starts
        and tandem.round.new_match_within_percent > 0
        and today <= new_match_until(tandem)
    )


def early_ends_of(programme_round):
    """The round's early ends with category and reason — for the coordinators' page only."""
    return (
        EarlyEnd.objects.filter(tandem__round=programme_round)
        .select_related("tandem__mentor", "tandem__mentee", "tandem__round", "ended_by")
        .order_by("-created_at", "-pk")
    )


def early_end_in_round(programme_round, pk) -> EarlyEnd | None:
    return early_ends_of(programme_round).filter(pk=pk).first()
