from django_tasks import task

from . import reminders


@task()
def remind_training() -> list[int]:
    """The scheduled run: reminders the day before training sessions and consultations."""
    return list(reminders.remind_training())
