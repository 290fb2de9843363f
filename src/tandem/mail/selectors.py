"""Reads of the mail domain: purposes, a round's own texts, the round's outbox."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from .defaults import (
    CONFIDENTIAL_PURPOSES,
    DEFAULT_TEMPLATES,
    DOCUMENT_PURPOSES,
    MAIL_PURPOSES,
    PLATFORM_PURPOSES,
)
from .enums import MailStatus
from .models import MailTemplate, QueuedMail


@dataclass(frozen=True)
class Purpose:
    key: str
    title: str
    description: str

    @property
    def confidential(self) -> bool:
        return self.key in CONFIDENTIAL_PURPOSES

    @property
    def printed(self) -> bool:
        return self.key in DOCUMENT_PURPOSES

    @property
    def editable(self) -> bool:
        """Whether a programme or round may word this purpose itself."""
        return self.key not in PLATFORM_PURPOSES


def purpose_of(key: str) -> Purpose:
    """Title and description of a purpose; a purpose nobody titled shows its key."""
    title, description = MAIL_PURPOSES.get(key, (key, ""))
    return Purpose(key=key, title=str(title), description=str(description))


def mail_purposes() -> list[Purpose]:
    """Every purpose with a built-in text, in the order the apps registered them."""
    return [purpose_of(key) for key in DEFAULT_TEMPLATES]


def own_text_languages(round, programme=None) -> dict[str, list[str]]:
    """Purpose key -> languages in which the round (or, with ``round=None``, the
    programme) has its own text."""
    languages: dict[str, list[str]] = {}
    scope = {"round": round} if round is not None else {"round": None, "programme": programme}
    rows = MailTemplate.objects.filter(**scope).order_by("key", "language")
    for key, language in rows.values_list("key", "language"):
        languages.setdefault(key, []).append(language)
    return languages


def mails_for_round(round, *, status: str = "", key: str = ""):
    mails = QueuedMail.objects.filter(round=round)
    if status:
        mails = mails.filter(status=status)
    if key:
        mails = mails.filter(template_key=key)
    return mails.order_by("-created_at", "-id")


def status_counts(round) -> list[tuple[MailStatus, int]]:
    """How many of the round's mails are in each status (zeros included)."""
    rows = QueuedMail.objects.filter(round=round).values("status").annotate(n=Count("id"))
    counts = {row["status"]: row["n"] for row in rows}
    return [(status, counts.get(status, 0)) for status in MailStatus]


def outbox_purposes(round) -> list[Purpose]:
    """Purposes to filter the outbox by: the registered ones and any the round's mails use."""
    keys = [key for key in DEFAULT_TEMPLATES if key not in DOCUMENT_PURPOSES]
    used = QueuedMail.objects.filter(round=round).exclude(template_key="")
    for key in used.values_list("template_key", flat=True).distinct().order_by():
        if key not in keys:
            keys.append(key)
    return [purpose_of(key) for key in keys]


def mail_of_round(round, pk: int) -> QueuedMail | None:
    return QueuedMail.objects.filter(round=round, pk=pk).first()


# --- is a worker sending? ---------------------------------------------------------------

# A running worker picks a mail up within seconds; one still queued after this long
# means that no worker is running (or that it is stuck).
WORKER_SILENT_AFTER = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class SendingStalled:
    """Queued mails of a round that nobody has sent for longer than WORKER_SILENT_AFTER."""

    waiting: int
    oldest: dt.datetime
    # When the oldest task of the database queue that is due was enqueued (None when the
    # tasks do not run from the database, or none is due).
    oldest_task: dt.datetime | None


def oldest_due_task() -> dt.datetime | None:
    """Enqueue time of the oldest due task of django-tasks' database queue, if it is used.

    A worker takes due tasks oldest first, so while one runs this stays seconds old.
    """
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if not backend.startswith("django_tasks_db."):
        return None
    from django_tasks_db.models import DBTaskResult

    due = DBTaskResult.objects.ready().order_by("enqueued_at").first()
    return due.enqueued_at if due else None


def sending_stalled(round, now=None) -> SendingStalled | None:
    """Whether the round's queued mails wait for a worker that does not run; else None."""
    now = now or timezone.now()
    late = QueuedMail.objects.filter(
        round=round, status=MailStatus.QUEUED, created_at__lt=now - WORKER_SILENT_AFTER
    )
    waiting = late.count()
    if not waiting:
        return None
    oldest = late.order_by("created_at").values_list("created_at", flat=True).first()
    return SendingStalled(waiting=waiting, oldest=oldest, oldest_task=oldest_due_task())
