from django_tasks import task

from . import consent, services


@task()
def compute_match_run(run_id: int) -> None:
    """Compute a waiting match run (started on the coordinators' page)."""
    services.compute_run(run_id)


@task()
def remind_proposals() -> int:
    """The scheduled run: reminds whoever has not answered a proposal before its date."""
    return consent.remind_unanswered()
