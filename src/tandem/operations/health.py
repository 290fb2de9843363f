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


def report() -> dict:
    """``ok`` is false when the database or the cache fails (the site cannot serve);
    ``worker.ok`` false means no worker has beaten lately (mails and reminders wait)."""
    now = timezone.now()
    database, shared_cache = _database(), _cache()
    seen = heartbeat.last_beat() if shared_cache else None
    try:
        depth = maintenance.queue_depth() if database else None
    except Exception:  # noqa: BLE001
        depth = None
    worker_ok = seen is not None and now - seen < heartbeat.stale_after()
    return {
        "ok": database and shared_cache,
        "status": "ok" if database and shared_cache and worker_ok else "degraded",
        "database": database,
        "cache": shared_cache,
        "queue_depth": depth,
        "worker": {
            "ok": worker_ok,
            "last_heartbeat": seen.isoformat() if seen else None,
            "seconds_ago": round((now - seen).total_seconds()) if seen else None,
        },
        "checked_at": now.isoformat(),
    }
