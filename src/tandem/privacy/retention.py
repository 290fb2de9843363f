"""Retention (DESIGN.md §7): data a finished round no longer needs goes after N months.

A round ends on the last day of its latest phase; rounds without dates never end here.
``TANDEM_RETENTION_MONTHS`` months later, each app cleans the round's data it holds
(``clean_round`` in ``<app>/personal_data.py``): the applications it did not admit, the
info-event registrations, the candidate list with the coordinators' notes, matching's
proposals that did not become a tandem and its pair rules (with their reasons), the
tandems' meeting notes and date polls, the mentors' photos and slides, and the round's
role invitations. Admitted applications, agreed proposals, tandems with their meetings,
the round roles and the mentor profiles' texts stay: they are the record of what took
place.
Texts the holdings give a retention kind (``Holding.retention_kind``: the tandems' texts,
consultation notes, and what later apps declare, such as survey free texts or interview
notes) go on their kind's own months (``TANDEM_RETENTION_BY_KIND``, else
``TANDEM_RETENTION_MONTHS``) through the app's ``expire_texts``; the figures stay.
Running it again changes nothing and writes nothing.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tandem.audit.services import log_action

from .registry import declarations, retention_kinds, retention_order


@dataclass
class RoundCleanUp:
    round: Any
    ended_on: dt.date
    counts: dict[str, int]


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    return day - relativedelta(months=months)


def rounds_past_retention(*, months: int, today: dt.date) -> list:
    """Rounds that ended more than ``months`` months before ``today``, oldest first."""
    cutoff = months_before(today, months)
    rounds = []
    for declaration in declarations():
        if declaration.rounds_past_retention:
            rounds.extend(declaration.rounds_past_retention(cutoff))
    return rounds


def _clean_round(round, *, dry_run: bool) -> dict[str, int]:
    counts: dict[str, int] = {}
    for declaration in retention_order():
        if declaration.clean_round:
            counts.update(declaration.clean_round(round, dry_run))
    return counts


def months_for(kind: str, default: int | None = None) -> int:
    """The months after a round's end that texts of ``kind`` are kept."""
    default = settings.TANDEM_RETENTION_MONTHS if default is None else default
    return settings.TANDEM_RETENTION_BY_KIND.get(kind, default)


def _expire(kind: str, round, *, dry_run: bool) -> dict[str, int]:
    counts: dict[str, int] = {}
    for declaration in retention_kinds().get(kind, []):
        if declaration.expire_texts:
            counts.update(declaration.expire_texts(kind, round, dry_run))
    return counts


def apply_retention(
    *, months: int | None = None, today: dt.date | None = None, dry_run: bool = False
) -> list[RoundCleanUp]:
    """Clean every round past retention; one audit entry per round that had something to go.

    ``months`` (default ``TANDEM_RETENTION_MONTHS``) is the general term; each retention
    kind named in ``TANDEM_RETENTION_BY_KIND`` has its own, and the others follow
    ``months``. With ``dry_run`` nothing changes: the result says what would go.
    """
    months = settings.TANDEM_RETENTION_MONTHS if months is None else months
    today = today or timezone.localdate()
    plan: dict[int, tuple[Any, list[str], bool]] = {}
    for round in rounds_past_retention(months=months, today=today):
        plan[round.pk] = (round, [], True)
    kind_months = {kind: months_for(kind, months) for kind in retention_kinds()}
    for kind, kept in kind_months.items():
        for round in rounds_past_retention(months=kept, today=today):
            plan.setdefault(round.pk, (round, [], False))[1].append(kind)
    results = []
    for round, kinds, general in sorted(plan.values(), key=lambda p: (p[0].ended_on, p[0].pk)):
        with transaction.atomic():
            counts: dict[str, int] = {}
            for kind in kinds:
                counts.update(_expire(kind, round, dry_run=dry_run))
            if general:
                counts.update(_clean_round(round, dry_run=dry_run))
            if not any(counts.values()):
                continue
            if not dry_run:
                data = {**counts, "months": months, "ended_on": round.ended_on.isoformat()}
                if any(kind_months[kind] != months for kind in kinds):
                    data["months_by_kind"] = {kind: kind_months[kind] for kind in kinds}
                log_action(
                    None, "privacy.retention_applied", round, programme_round=round, data=data
                )
        results.append(RoundCleanUp(round, round.ended_on, counts))
    return results


def apply_timed_retention(now: dt.datetime | None = None) -> list[tuple[int, str]]:
    """The apps' clean-ups that do not belong to a round (e.g. abandoned import files):
    how many went, and what they were."""
    now = now or timezone.now()
    return [
        (declaration.apply_retention(now), declaration.retention_label)
        for declaration in declarations()
        if declaration.apply_retention
    ]
