from django.core.management.base import BaseCommand

from tandem.matching.consent import remind_unanswered


class Command(BaseCommand):
    help = (
        "E-mail whoever has not answered a sent tandem proposal, a few days before the date "
        "for answers and on the day itself (once each). Run daily from cron."
    )

    def handle(self, *args, **options):
        count = remind_unanswered()
        self.stdout.write(f"queued {count} reminder(s)")
