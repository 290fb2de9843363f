from django_tasks import task

from . import reminders


@task()
def remind_meetings() -> int:
    """The scheduled run: e-mails both persons the day before each planned meeting."""
    return reminders.remind_meetings()
