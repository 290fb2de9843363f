"""What coordinators see of tandems: metadata only (DESIGN.md §2, "geschützter Raum").

The query names every column it reads (``values()``), so agenda, notes, goals and the
agreement's text are never loaded and no template can show them by mistake.

A tandem is *quiet* when it has not met for longer than its rhythm allows plus a week
of grace — counted from the last meeting, or from its forming — and has no meeting
planned ahead. A planned meeting whose time has passed counts as met: members do not
always mark a meeting as held, and a forgotten click should not flag a working tandem.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from tandem.programmes.enums import PhaseKind

from .enums import MeetingStatus
from .models import Tandem

GRACE = dt.timedelta(weeks=1)
# Reminders to a quiet tandem go out at most this often (by hand or from the daily task).
NUDGE_INTERVAL = dt.timedelta(days=14)


@dataclass(frozen=True)
class TandemSummary:
    pk: int
    round_id: int
    mentor: str
    mentee: str
    formed_at: dt.datetime
    agreement_confirmed: bool
    rhythm_weeks: int
    held: int
    planned: int
    cancelled: int
    last_held: dt.datetime | None
    next_planned: dt.datetime | None
    quiet_from: dt.datetime
    last_nudged_at: dt.datetime | None
    quiet: bool
    #: when one of the two ended the tandem early (the reason is not read here)
    ended_at: dt.datetime | None = None

    @property
    def next_nudge_from(self) -> dt.datetime | None:
        return self.last_nudged_at + NUDGE_INTERVAL if self.last_nudged_at else None

    def may_be_nudged(self, now=None) -> bool:
        now = now or timezone.now()
        return self.quiet and (self.next_nudge_from is None or self.next_nudge_from <= now)


def _metadata(tandems, now: dt.datetime):
    held = Q(meetings__status=MeetingStatus.HELD)
    planned = Q(meetings__status=MeetingStatus.PLANNED)
    return (
        tandems.values(
            "pk",
            "round_id",
            "created_at",
            "last_nudged_at",
            "ended_at",
            "mentor__name",
            "mentor__email",
            "mentee__name",
            "mentee__email",
            "agreement__mentee_confirmed_at",
            "agreement__mentor_confirmed_at",
            rhythm_weeks=Coalesce("agreement__rhythm_weeks", "round__meeting_rhythm_weeks"),
        )
        .annotate(
            held=Count("meetings", filter=held),
            planned=Count("meetings", filter=planned),
            cancelled=Count("meetings", filter=Q(meetings__status=MeetingStatus.CANCELLED)),
            last_held=Max("meetings__starts_at", filter=held),
            last_met=Max(
                "meetings__starts_at", filter=held | (planned & Q(meetings__starts_at__lte=now))
            ),
            next_planned=Min(
                "meetings__starts_at", filter=planned & Q(meetings__starts_at__gt=now)
            ),
        )
        .order_by("created_at", "pk")
    )


def _summary(row: dict, now: dt.datetime) -> TandemSummary:
    reference = max(filter(None, [row["last_met"], row["created_at"]]))
    quiet_from = reference + dt.timedelta(weeks=row["rhythm_weeks"]) + GRACE
    return TandemSummary(
        pk=row["pk"],
        round_id=row["round_id"],
        mentor=row["mentor__name"] or row["mentor__email"],
        mentee=row["mentee__name"] or row["mentee__email"],
        formed_at=row["created_at"],
        agreement_confirmed=bool(
            row["agreement__mentee_confirmed_at"] and row["agreement__mentor_confirmed_at"]
        ),
        rhythm_weeks=row["rhythm_weeks"],
        held=row["held"],
        planned=row["planned"],
        cancelled=row["cancelled"],
        last_held=row["last_held"],
        next_planned=row["next_planned"],
        quiet_from=quiet_from,
        last_nudged_at=row["last_nudged_at"],
        quiet=now >= quiet_from and row["next_planned"] is None and not row["ended_at"],
        ended_at=row["ended_at"],
    )


def tandem_overview(round, now=None) -> list[TandemSummary]:
    """The round's tandems with metadata only, in the order they were formed (one query)."""
    now = now or timezone.now()
    return [_summary(row, now) for row in _metadata(Tandem.objects.filter(round=round), now)]


def tandem_summary(tandem: Tandem, now=None) -> TandemSummary:
    now = now or timezone.now()
    return _summary(_metadata(Tandem.objects.filter(pk=tandem.pk), now).get(), now)


def quiet_tandems(now=None) -> list[TandemSummary]:
    """Quiet tandems of all rounds in their tandem phase (the daily reminder's list)."""
    now = now or timezone.now()
    tandems = Tandem.objects.filter(round__current_phase=PhaseKind.TANDEM_PHASE)
    return [summary for row in _metadata(tandems, now) if (summary := _summary(row, now)).quiet]
