"""The outbox says when queued e-mails wait because no worker sends them."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tandem.mail import selectors
from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tests.conftest import manage_url

from .factories import QueuedMailFactory

pytestmark = pytest.mark.django_db


def queued(programme_round, minutes_ago):
    mail = QueuedMailFactory(round=programme_round, status=MailStatus.QUEUED)
    QueuedMail.objects.filter(pk=mail.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return mail


def test_fresh_or_sent_mails_raise_no_alarm(login, round, coordinator):
    queued(round, minutes_ago=1)
    QueuedMailFactory(round=round, status=MailStatus.SENT)
    assert selectors.sending_stalled(round) is None
    page = login(coordinator).get(manage_url("mail_outbox", round)).content.decode()
    assert 'id="worker-silent"' not in page


def test_mails_queued_too_long_are_flagged_on_the_outbox(login, round, coordinator):
    queued(round, minutes_ago=30)
    queued(round, minutes_ago=10)
    queued(round, minutes_ago=1)
    queued(None, minutes_ago=60)  # another round's (or no round's) mail is not counted here
    stalled = selectors.sending_stalled(round)
    assert stalled.waiting == 2
    page = login(coordinator).get(manage_url("mail_outbox", round)).content.decode()
    assert 'id="worker-silent"' in page
    assert "2 e-mails have been queued" in page and "manage.py run_worker" in page


def test_the_database_queue_tells_how_long_tasks_wait(settings, round):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert selectors.oldest_due_task() is None
    from tandem.mail.tasks import send_queued_mail

    send_queued_mail.enqueue(12345)
    long_ago = timezone.now() - dt.timedelta(hours=2)
    DBTaskResult.objects.update(enqueued_at=long_ago)
    assert selectors.oldest_due_task() == long_ago
    queued(round, minutes_ago=120)
    assert selectors.sending_stalled(round).oldest_task == long_ago
    # Without the database backend there is no queue to look at.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert selectors.oldest_due_task() is None
