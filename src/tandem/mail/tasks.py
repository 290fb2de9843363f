from django_tasks import task

from . import services


@task()
def send_queued_mail(mail_id: int) -> None:
    services.send_now(mail_id)
