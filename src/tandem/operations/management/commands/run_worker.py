"""The task worker with a heartbeat: ``manage.py run_worker`` (same options as db_worker).

Beside the database worker's loop a thread writes the heartbeat (``/healthz`` shows it)
and now and then puts tasks left running by a crashed worker back in the queue or marks
them failed, and prunes old results (tandem.operations.maintenance).
"""

import logging
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from tandem.operations import heartbeat, maintenance

logger = logging.getLogger(__name__)


def keep_beating(
    worker_id: str, stop: threading.Event, *, own_connection: bool = True, maintain: bool = True
) -> None:
    """Beat (and, with ``maintain``, look after the database queue) until ``stop`` is set;
    the thread's database connection is its own and closed after each round."""
    last_maintenance = -float("inf")
    while True:
        try:
            if own_connection:
                close_old_connections()
            heartbeat.beat(worker_id)
            due = time.monotonic() - last_maintenance >= settings.TANDEM_TASK_MAINTENANCE_SECONDS
            if maintain and due:
                maintenance.recover_stuck_tasks()
                maintenance.prune_results()
                last_maintenance = time.monotonic()
        except Exception:  # noqa: BLE001 — a failed beat must not stop the worker
            logger.exception("Heartbeat of worker %s failed", worker_id)
        finally:
            if own_connection:
                connection.close()
        if stop.wait(settings.TANDEM_WORKER_HEARTBEAT_SECONDS):
            return


class Command(DBWorkerCommand):
    help = "Run the database task worker and write its heartbeat (see /healthz)."

    def handle(self, *args, **options):
        stop = threading.Event()
        beating = threading.Thread(
            target=keep_beating, args=(options["worker_id"], stop), daemon=True
        )
        beating.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
