from django_tasks import task

from . import retention


@task()
def apply_retention() -> list[dict]:
    """The scheduled clean-up; returns the counts per round (ids only)."""
    results = [
        {"round": result.round.pk, **result.counts} for result in retention.apply_retention()
    ]
    retention.apply_timed_retention()
    return results
