"""A task queue that does not answer (Redis down) never turns a person's action into an
error page: the action stands, the mail is kept as failed with the reason, to send again."""

import pytest
import redis

from tandem.mail import services, tasks
from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail

pytestmark = pytest.mark.django_db


def test_a_mail_the_queue_refuses_is_kept_as_failed(
    monkeypatch, django_capture_on_commit_callbacks
):
    class Unreachable:
        """The task as a queue that does not answer sees it (what RQ raises then)."""

        def enqueue(self, *args, **kwargs):
            raise redis.ConnectionError("Error 111 connecting to 127.0.0.1:6390.")

    monkeypatch.setattr(tasks, "send_queued_mail", Unreachable())
    with django_capture_on_commit_callbacks(execute=True):
        mail = services.queue_mail(
            key="role_assigned",
            to="eva@example.org",
            context={"name": "Eva", "role": "Mentorin", "round": "R", "organisation": "O"},
        )
    mail.refresh_from_db()
    assert mail.status == MailStatus.FAILED
    assert "task queue did not answer" in mail.error
    assert QueuedMail.objects.count() == 1
