"""``manage.py maintain_tasks``: recover tasks left running by a crashed worker, prune old
results. The workers do it themselves every TANDEM_TASK_MAINTENANCE_SECONDS; cron (e.g.
hourly) covers a site whose workers are all gone."""

from django.core.management.base import BaseCommand

from tandem.operations import maintenance


class Command(BaseCommand):
    help = "Retry or fail tasks whose worker stopped; delete old finished task results."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Override TANDEM_TASK_RESULTS_DAYS."
        )

    def handle(self, *args, days=None, **options):
        counts = maintenance.recover_stuck_tasks()
        pruned = maintenance.prune_results(days=days)
        self.stdout.write(
            f"{counts['retried']} task(s) back in the queue, {counts['failed']} marked failed, "
            f"{pruned} old result(s) removed."
        )
