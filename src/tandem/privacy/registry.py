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


@dataclass(frozen=True)
class Declaration:
    """What one app holds, and its own functions to export, erase and expire it.

    ``export(user)`` returns JSON-ready sections keyed by name; ``erase(user)`` removes or
    anonymises the person's rows through the app's own services; ``apply_retention(now)``
    deletes what finished rounds no longer need and returns how many rows it changed.
    """

    app_label: str
    holdings: tuple[Holding, ...]
    export: Callable[[Any], dict] | None = None
    erase: Callable[[Any], None] | None = None
    apply_retention: Callable[[dt.datetime], int] | None = None
    # Erasure runs in this order (lower first): rows that others point to go last.
    erase_order: int = 100
    notes: str = field(default="")


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
