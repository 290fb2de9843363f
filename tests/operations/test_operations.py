"""Health report, worker heartbeat, stuck tasks and pruning (issue 16, operations)."""

import datetime as dt
import io
import threading

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tandem.operations import heartbeat, maintenance
from tandem.operations.management.commands.run_worker import keep_beating

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def task(status=TaskResultStatus.RUNNING, workers=("w1",), started_minutes_ago=60, **extra):
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="tandem.privacy.tasks.apply_retention",
        worker_ids=list(workers),
        backend_name="default",
        run_after=now,
        started_at=now - dt.timedelta(minutes=started_minutes_ago) if workers else None,
        **extra,
    )


def test_healthz_reports_database_cache_queue_and_worker(client):
    task(status=TaskResultStatus.READY, workers=())
    data = client.get(reverse("healthz")).json()
    assert data["ok"] and data["database"] and data["cache"]
    assert data["queue_depth"] == 1
    assert data["worker"] == {"ok": False, "last_heartbeat": None, "seconds_ago": None}
    assert data["status"] == "degraded"

    heartbeat.beat("w1")
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    data = response.json()
    assert data["status"] == "ok" and data["worker"]["ok"]
    assert data["worker"]["seconds_ago"] <= 1


def test_healthz_answers_503_when_the_cache_fails(client, monkeypatch):
    from tandem.operations import health

    monkeypatch.setattr(health, "_cache", lambda: False)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["ok"] is False


def test_a_silent_worker_counts_as_gone(settings):
    settings.TANDEM_WORKER_STALE_SECONDS = 300
    now = timezone.now()
    heartbeat.beat("w1", now=now - dt.timedelta(seconds=299))
    assert heartbeat.is_alive("w1", now)
    assert not heartbeat.is_alive("w1", now + dt.timedelta(seconds=2))
    assert not heartbeat.is_alive("never-seen", now)


def test_a_task_of_a_crashed_worker_is_retried_then_failed(settings):
    settings.TANDEM_TASK_MAX_ATTEMPTS = 2
    once = task(workers=("gone",))
    twice = task(workers=("gone", "gone-too"))
    busy = task(workers=("alive",))
    young = task(workers=("gone",), started_minutes_ago=1)
    heartbeat.beat("alive")

    assert maintenance.recover_stuck_tasks() == {"retried": 1, "failed": 1}
    once.refresh_from_db()
    assert once.status == TaskResultStatus.READY and once.started_at is None
    twice.refresh_from_db()
    assert twice.status == TaskResultStatus.FAILED
    assert twice.exception_class_path == maintenance.LOST and "gone-too" in twice.traceback
    for left in (busy, young):
        left.refresh_from_db()
        assert left.status == TaskResultStatus.RUNNING
    assert maintenance.recover_stuck_tasks() == {"retried": 0, "failed": 0}


def test_old_results_are_pruned_and_the_command_says_so(settings):
    settings.TANDEM_TASK_RESULTS_DAYS = 14
    now = timezone.now()
    old = task(status=TaskResultStatus.SUCCESSFUL, finished_at=now - dt.timedelta(days=15))
    recent = task(status=TaskResultStatus.FAILED, finished_at=now - dt.timedelta(days=2))
    waiting = task(status=TaskResultStatus.READY, workers=())
    out = io.StringIO()
    call_command("maintain_tasks", stdout=out)
    assert "1 old result(s) removed" in out.getvalue()
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()


def test_the_worker_thread_beats_and_recovers(settings):
    stuck = task(workers=("crashed",))
    stop = threading.Event()
    stop.set()  # one round, then stop
    keep_beating("w-thread", stop, own_connection=False)
    assert heartbeat.last_beat("w-thread") is not None
    assert heartbeat.last_beat() is not None
    stuck.refresh_from_db()
    assert stuck.status == TaskResultStatus.READY
