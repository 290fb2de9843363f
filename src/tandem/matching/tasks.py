from django_tasks import task

from . import consent


@task()
def remind_proposals() -> int:
    """The scheduled run: reminds whoever has not answered a proposal before its date."""
    return consent.remind_unanswered()
