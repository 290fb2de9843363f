from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tandem.privacy import retention


class Command(BaseCommand):
    help = (
        "Delete personal data that finished rounds no longer need, TANDEM_RETENTION_MONTHS "
        "after a round's last phase ended: applications not admitted, info-event "
        "registrations, the candidate list with notes, mentor photos and slides. "
        "Run daily from cron; --dry-run only prints what would go."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be deleted and change nothing."
        )
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Override TANDEM_RETENTION_MONTHS for this run.",
        )

    def handle(self, *args, dry_run, months, **options):
        months = settings.TANDEM_RETENTION_MONTHS if months is None else months
        if months < 0:
            raise CommandError("--months must not be negative.")
        results = retention.apply_retention(months=months, dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        for result in results:
            what = ", ".join(
                f"{count} {name.replace('_', ' ')}" for name, count in result.counts.items()
            )
            self.stdout.write(f"{result.round} (ended {result.ended_on:%Y-%m-%d}): {verb} {what}")
        done = "to clean" if dry_run else "cleaned"
        self.stdout.write(f"{len(results)} round(s) {done}, retention {months} months")
        if not dry_run:
            for removed, what in retention.apply_timed_retention():
                self.stdout.write(f"{removed} {what}")
