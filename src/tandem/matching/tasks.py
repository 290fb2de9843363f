from django_tasks import task

from . import services


@task()
def compute_match_run(run_id: int) -> None:
    """Compute a waiting match run (started on the coordinators' page)."""
    services.compute_run(run_id)
