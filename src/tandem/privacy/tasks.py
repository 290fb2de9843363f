from django_tasks import task

from tandem.applications import import_files

from . import retention


@task()
def apply_retention() -> list[dict]:
    """The scheduled clean-up; returns the counts per round (ids only)."""
    results = [{"round": result.round.pk, **result.counts}
               for result in retention.apply_retention()]
    # Half-finished imports hold applicants' rows too; they go with the same job.
    import_files.remove_stale()
    return results
