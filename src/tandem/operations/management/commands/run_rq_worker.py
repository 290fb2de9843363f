"""The RQ task worker with a heartbeat: ``manage.py run_rq_worker`` (TASKS_BACKEND=rq).

django-rq's ``rqworker`` with django-tasks-rq's job class and the task backend's queues
preset, and beside it the thread that writes the worker's heartbeat (``/healthz`` shows
it) under the RQ worker's name. Stuck and old jobs are RQ's business: a job whose worker
died is moved to RQ's failed jobs (AbandonedJobError) by the next worker's cleanup, and
finished results expire in Redis, so the database-queue maintenance does not run here.
"""

import threading
import uuid

from django.conf import settings
from django.core.management.base import CommandError
from django_rq.management.commands.rqworker import Command as RQWorkerCommand

from tandem.operations import maintenance

from .run_worker import keep_beating


class Command(RQWorkerCommand):
    help = "Run the RQ task worker (TASKS_BACKEND=rq) and write its heartbeat (see /healthz)."

    def handle(self, *args, **options):
        if maintenance.backend_name() != "rq":
            raise CommandError(
                f"TASKS_BACKEND is {maintenance.backend_name()}, not rq; run manage.py run_worker."
            )
        args = args or tuple(settings.TASKS["default"].get("QUEUES") or ["default"])
        options["job_class"] = options.get("job_class") or "django_tasks_rq.Job"
        options["name"] = options.get("name") or uuid.uuid4().hex
        stop = threading.Event()
        beating = threading.Thread(
            target=keep_beating,
            args=(options["name"], stop),
            kwargs={"maintain": False},
            daemon=True,
        )
        beating.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            beating.join(timeout=10)  # let a beat under way finish before the process ends
