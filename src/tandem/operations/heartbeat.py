"""The task worker's heartbeat, kept in the shared cache.

Every worker (``manage.py run_worker``) writes the time under its own id and under one
"latest" key, every ``TANDEM_WORKER_HEARTBEAT_SECONDS``. The cache is the one all web
workers and hosts share (the database cache by default, Redis with CACHE_URL), so
``/healthz`` on any host sees any worker, and the stuck-task recovery can tell a task
whose worker is gone from one still being worked on.
"""

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

LATEST = "tandem:worker:heartbeat"


def _key(worker_id: str) -> str:
    return f"{LATEST}:{worker_id}"


def stale_after() -> dt.timedelta:
    """A worker that has not beaten for this long counts as gone."""
    return dt.timedelta(seconds=settings.TANDEM_WORKER_STALE_SECONDS)


def beat(worker_id: str, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    # Kept well past the stale limit, so that a gone worker reads "last seen", not nothing.
    keep = int(stale_after().total_seconds()) * 10
    value = {"worker": worker_id, "at": now.isoformat()}
    cache.set_many({_key(worker_id): value, LATEST: value}, timeout=keep)


def _at(value) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value["at"]) if value else None


def last_beat(worker_id: str | None = None) -> dt.datetime | None:
    """When the worker (or, without an id, any worker) last beat; None if never."""
    return _at(cache.get(_key(worker_id) if worker_id else LATEST))


def is_alive(worker_id: str, now: dt.datetime | None = None) -> bool:
    seen = last_beat(worker_id)
    return seen is not None and (now or timezone.now()) - seen < stale_after()
