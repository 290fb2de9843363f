"""What ``/healthz`` reports: database, cache, queue depth, the worker's last heartbeat."""

import uuid

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from . import heartbeat, maintenance


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 — any failure is "down"
        return False


def _cache() -> bool:
    key, value = f"tandem:health:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=30)
        ok = cache.get(key) == value
        cache.delete(key)
        return ok
    except Exception:  # noqa: BLE001
        return False


def _queue(backend: str, database: bool) -> tuple[bool | None, int | None]:
    """Whether the task queue's store answers (the database, or Redis under RQ; None for
    another backend) and how many tasks wait in it."""
    if backend == "database" and not database:
        return False, None
    try:
        depth = maintenance.queue_depth()
    except Exception:  # noqa: BLE001
        return False, None
    return (None if depth is None else True), depth


def report() -> dict:
    """``ok`` is false when the database or the cache fails (the site cannot serve);
    ``worker.ok`` false means no worker has beaten lately, ``queue`` false that Redis (the
    RQ queue) does not answer: mails and reminders wait, the status is "degraded"."""
    now = timezone.now()
    database, shared_cache = _database(), _cache()
    seen = heartbeat.last_beat() if shared_cache else None
    backend = maintenance.backend_name()
    queue, depth = _queue(backend, database)
    worker_ok = seen is not None and now - seen < heartbeat.stale_after()
    healthy = database and shared_cache and worker_ok and queue is not False
    return {
        "ok": database and shared_cache,
        "status": "ok" if healthy else "degraded",
        "database": database,
        "cache": shared_cache,
        "queue_backend": backend,
        "queue": queue,
        "queue_depth": depth,
        "worker": {
            "ok": worker_ok,
            "last_heartbeat": seen.isoformat() if seen else None,
            "seconds_ago": round((now - seen).total_seconds()) if seen else None,
        },
        "checked_at": now.isoformat(),
    }
