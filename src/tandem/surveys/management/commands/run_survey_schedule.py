from django.core.management.base import BaseCommand

from tandem.surveys.schedule import run_schedule


class Command(BaseCommand):
    help = (
        "Close open surveys whose closing date has passed (results are published as at a "
        "manual close) and remind those asked who have not answered, on each reminder date "
        "of a survey (once each). Run daily from cron."
    )

    def handle(self, *args, **options):
        counts = run_schedule()
        self.stdout.write(
            f"closed {counts['closed']} survey(s), queued {counts['reminded']} reminder(s)"
        )
