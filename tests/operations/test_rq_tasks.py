"""Background tasks on Redis (TASKS_BACKEND=rq, django-tasks-rq): a project task really
goes through Redis and an RQ worker; /healthz and the workers say what they know."""

import io
import os
import uuid

import pytest
import redis
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tandem.mail.enums import MailStatus
from tandem.mail.tasks import send_queued_mail
from tandem.operations import heartbeat, maintenance
from tests.mail.factories import QueuedMailFactory

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TANDEM_TEST_TASKS_REDIS_URL", "redis://127.0.0.1:6379/1")


def redis_answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def use_rq(settings, url: str) -> str:
    """The RQ backend on a queue of this test's own (other runs may share the Redis)."""
    queue = f"tandem-test-{uuid.uuid4().hex}"
    # The project's tasks (defined on import, checked against the backend's queues) are
    # all loaded before the backend has only this queue.
    reverse("healthz")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue]}}
    # django-tasks-rq reads results through the connection of django-rq's "default" queue.
    settings.RQ_QUEUES = {queue: {"URL": url}, "default": {"URL": url}}
    # The heartbeat goes to a cache of the test's own, not to the database's cache table.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": queue,
        }
    }
    return queue


@pytest.fixture
def rq_queue(settings):
    if not redis_answers(REDIS_URL):
        pytest.skip(f"no Redis answers at {REDIS_URL} (set TANDEM_TEST_TASKS_REDIS_URL)")
    name = use_rq(settings, REDIS_URL)
    yield name
    import django_rq

    django_rq.get_queue(name).delete(delete_jobs=True)


def test_the_mail_task_runs_through_redis_and_an_rq_worker(client, rq_queue, monkeypatch):
    queued = QueuedMailFactory(status=MailStatus.QUEUED)
    result = send_queued_mail.using(queue_name=rq_queue).enqueue(queued.pk)
    assert mail.outbox == []

    data = client.get(reverse("healthz")).json()
    assert (data["queue_backend"], data["queue"], data["queue_depth"]) == ("rq", True, 1)
    assert data["worker"]["ok"] is False and data["status"] == "degraded"

    # The worker in this process (SimpleWorker: no fork), so it sees the test's database;
    # it must not close the test's connection either.
    monkeypatch.setattr("django_rq.management.commands.rqworker.reset_db_connections", lambda: None)
    call_command(
        "run_rq_worker", "--burst", "--worker-class=rq.SimpleWorker", "--name=w-rq", verbosity=0
    )

    queued.refresh_from_db()
    assert queued.status == MailStatus.SENT
    assert [m.to for m in mail.outbox] == [[queued.to]]
    assert result.backend == "default"
    assert send_queued_mail.get_backend().get_result(result.id).status == "SUCCESSFUL"
    assert heartbeat.last_beat("w-rq") is not None
    data = client.get(reverse("healthz")).json()
    assert (data["queue_depth"], data["status"], data["worker"]["ok"]) == (0, "ok", True)


def test_healthz_says_when_redis_does_not_answer(client, settings):
    use_rq(settings, "redis://127.0.0.1:1/0")  # nothing listens on port 1
    heartbeat.beat("w1")
    response = client.get(reverse("healthz"))
    data = response.json()
    assert response.status_code == 200 and data["ok"]
    assert (data["queue"], data["queue_depth"], data["status"]) == (False, None, "degraded")


def test_each_worker_refuses_the_other_queue(settings):
    use_rq(settings, "redis://127.0.0.1:1/0")
    with pytest.raises(CommandError, match="not a database backend"):
        call_command("run_worker", stdout=io.StringIO())
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert maintenance.backend_name() == "database"
    with pytest.raises(CommandError, match="run_worker"):
        call_command("run_rq_worker", "--burst", stdout=io.StringIO())
