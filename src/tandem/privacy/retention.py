"""Retention (DESIGN.md §7): data a finished round no longer needs goes after N months.

A round ends on the last day of its latest phase; rounds without dates never end here.
``TANDEM_RETENTION_MONTHS`` months later, each app cleans the round's data it holds
(``clean_round`` in ``<app>/personal_data.py``): the applications it did not admit, the
info-event registrations, the candidate list with the coordinators' notes, matching's
proposals that did not become a tandem and its pair rules (with their reasons), the
tandems' meeting notes and date polls, and the mentors' photos and slides. Admitted
applications, agreed proposals, tandems with their meetings and the mentor profiles' texts
stay: they are the record of what took place.
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

from .registry import declarations, retention_order


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


def apply_retention(
    *, months: int | None = None, today: dt.date | None = None, dry_run: bool = False
) -> list[RoundCleanUp]:
    """Clean every round past retention; one audit entry per round that had something to go.

    With ``dry_run`` nothing changes: the result says what would go.
    """
    months = settings.TANDEM_RETENTION_MONTHS if months is None else months
    today = today or timezone.localdate()
    results = []
    for round in rounds_past_retention(months=months, today=today):
        with transaction.atomic():
            counts = _clean_round(round, dry_run=dry_run)
            if not any(counts.values()):
                continue
            if not dry_run:
                log_action(
                    None,
                    "privacy.retention_applied",
                    round,
                    round=round,
                    data={**counts, "months": months, "ended_on": round.ended_on.isoformat()},
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
