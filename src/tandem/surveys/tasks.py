from django_tasks import task

from . import schedule


@task()
def survey_schedule() -> dict[str, int]:
    """The daily run: closes surveys past their date, sends the reminders that are due."""
    return schedule.run_schedule()
