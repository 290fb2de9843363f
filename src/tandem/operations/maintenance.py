"""Tasks left behind: a task whose worker crashed is retried or marked failed; old
results are pruned. Run by ``manage.py maintain_tasks`` (cron) and by every worker now
and then (``run_worker``), so nothing stays "running" for ever.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from . import heartbeat

LOST = "tandem.operations.maintenance.WorkerLost"


def recover_stuck_tasks(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Tasks marked running whose worker stopped beating: back to the queue while they
    have attempts left (``TANDEM_TASK_MAX_ATTEMPTS``, counted by the workers that claimed
    them), otherwise failed with the reason. A task whose worker still beats is left."""
    now = now or timezone.now()
    started_before = now - heartbeat.stale_after()
    retried = failed = 0
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING, started_at__lt=started_before
        )
        for result in running:
            worker = result.worker_ids[-1] if result.worker_ids else ""
            if worker and heartbeat.is_alive(worker, now):
                continue
            if len(result.worker_ids) < settings.TANDEM_TASK_MAX_ATTEMPTS:
                result.status = TaskResultStatus.READY
                result.started_at = None
                result.run_after = now
                result.save(update_fields=["status", "started_at", "run_after"])
                retried += 1
            else:
                result.status = TaskResultStatus.FAILED
                result.finished_at = now
                result.exception_class_path = LOST
                result.traceback = (
                    f"The worker {worker or '(unknown)'} stopped while running this task "
                    f"({len(result.worker_ids)} attempt(s)); it was not retried again."
                )
                result.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                failed += 1
    return {"retried": retried, "failed": failed}


def prune_results(*, now: dt.datetime | None = None, days: int | None = None) -> int:
    """Finished task results older than ``TANDEM_TASK_RESULTS_DAYS`` go; returns how many."""
    now = now or timezone.now()
    days = settings.TANDEM_TASK_RESULTS_DAYS if days is None else days
    old = DBTaskResult.objects.finished().filter(finished_at__lt=now - dt.timedelta(days=days))
    return old.delete()[0]


def backend_name() -> str:
    """``database``, ``rq`` or (another backend) its dotted path."""
    backend = settings.TASKS["default"]["BACKEND"]
    names = {path: name for name, path in settings.TASKS_BACKENDS.items()}
    return names.get(backend, backend)


def rq_queues() -> list:
    """The RQ queues the default task backend uses (TASKS_BACKEND=rq)."""
    import django_rq

    names = settings.TASKS["default"].get("QUEUES") or ["default"]
    return [django_rq.get_queue(name) for name in names]


def queue_depth() -> int | None:
    """Tasks waiting to run, for the health report: ready rows of the database queue, or
    jobs waiting in the RQ queues in Redis (scheduled ones not yet due are not counted in
    either); None for another backend. Raises when the queue's store does not answer."""
    name = backend_name()
    if name == "database":
        return DBTaskResult.objects.ready().count()
    if name == "rq":
        return sum(queue.count for queue in rq_queues())
    return None
