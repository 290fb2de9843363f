"""The personal-data registry: each domain app declares what personal data it holds.

An app describes its models beside them (``<app>/personal_data.py``) and registers one
``Declaration`` in its ``AppConfig.ready``. The privacy pages, the export, the erasure and
the retention job only walk this registry, so this module imports no domain app and a new
app needs no change here. A test fails when a model with personal data is not declared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Holding:
    """One model's personal data: what, whose, why, who sees it, how long it stays."""

    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    whose: str  # the person the data is about, in words ("the applicant")
    purpose: str
    seen_by: str
    retention: str
    # The kind of text whose months are set apart (``TANDEM_RETENTION_BY_KIND``): e.g.
    # "tandem_texts". The app's ``expire_texts(kind, round, dry_run)`` blanks or deletes
    # the texts of that kind once the round is that many months past its end.
    retention_kind: str = ""


@dataclass(frozen=True)
class NotPersonal:
    """A model that looks like personal data (a name, free text) but is not: and why."""

    model: str  # "app_label.ModelName"
    reason: str


@dataclass(frozen=True)
class Declaration:
    """What one app holds, and its own functions to export, erase and expire it.

    ``export(user)`` returns JSON-ready sections keyed by name; ``erase(user)`` removes or
    anonymises the person's rows through the app's own services (and may return counts
    for the audit entry); ``apply_retention(now)`` deletes what finished rounds no longer
    need and returns how many rows it changed.

    The optional rest: ``count(user)`` says how many records of each kind the app holds
    about the person (the "my data" page); ``check_erasure(user)`` raises
    ``ValidationError`` when the person must not be erased yet, before anything changes;
    ``clean_round(round, dry_run)`` deletes (or, dry, only counts) what one round past
    retention no longer needs; ``rounds_past_retention(cutoff)`` (the app owning rounds
    provides it) names the rounds whose last phase ended before the date.
    ``retention_label`` names what ``apply_retention``'s number counts.
    ``expire_texts(kind, round, dry_run)`` does, for the holdings that name a
    ``retention_kind``, what ``clean_round`` does for the rest, on that kind's own months.
    ``records(user)`` names the person's records whose opening by staff is audited
    (``"app_label.model"`` → primary keys), so the export can say when they were opened.
    """

    app_label: str
    holdings: tuple[Holding, ...]
    export: Callable[[Any], dict] | None = None
    erase: Callable[[Any], dict | None] | None = None
    apply_retention: Callable[[dt.datetime], int] | None = None
    # Erasure runs in this order (lower first): rows that others point to go last.
    erase_order: int = 100
    notes: str = field(default="")
    count: Callable[[Any], dict[str, int]] | None = None
    check_erasure: Callable[[Any], None] | None = None
    clean_round: Callable[[Any, bool], dict[str, int]] | None = None
    rounds_past_retention: Callable[[dt.date], Any] | None = None
    retention_label: str = "row(s) removed"
    # Retention cleans a round's data in this order (lower first): rows that point to
    # others go first, so that each app counts its own rows before a cascade could.
    retention_order: int = 100
    not_personal: tuple[NotPersonal, ...] = ()
    # ``expire_texts(kind, round, dry_run)`` removes (or, dry, counts) the texts of one
    # retention kind the app declared on its holdings; the round's figures stay.
    expire_texts: Callable[[str, Any, bool], dict[str, int]] | None = None
    records: Callable[[Any], dict[str, list]] | None = None


_declarations: dict[str, Declaration] = {}


def register(declaration: Declaration) -> None:
    """Called once per app in ``AppConfig.ready``; registering again replaces the entry."""
    _declarations[declaration.app_label] = declaration


def declarations() -> list[Declaration]:
    """Every registered declaration, in erasure order."""
    return sorted(_declarations.values(), key=lambda d: (d.erase_order, d.app_label))


def declared_models() -> set[str]:
    """The ``app_label.ModelName`` of every declared model, in lower case."""
    return {h.model.lower() for d in _declarations.values() for h in d.holdings}


def exempt_models() -> set[str]:
    """Models an app has declared as holding no personal data, in lower case."""
    return {n.model.lower() for d in _declarations.values() for n in d.not_personal}


def retention_order() -> list[Declaration]:
    """Every registered declaration, in the order a round's data is cleaned."""
    return sorted(_declarations.values(), key=lambda d: (d.retention_order, d.app_label))


def retention_kinds() -> dict[str, list[Declaration]]:
    """Each declared retention kind and the declarations that hold texts of that kind."""
    kinds: dict[str, list[Declaration]] = {}
    for declaration in retention_order():
        for kind in sorted({h.retention_kind for h in declaration.holdings if h.retention_kind}):
            kinds.setdefault(kind, []).append(declaration)
    return kinds


def holdings() -> list[tuple[Declaration, Holding]]:
    """Every declared holding with its declaration, by app and model (records of processing)."""
    return sorted(
        ((d, h) for d in _declarations.values() for h in d.holdings),
        key=lambda pair: (pair[0].app_label, pair[1].model),
    )
