from django.core.management.base import BaseCommand

from tandem.tandems.reminders import remind_meetings


class Command(BaseCommand):
    help = (
        "E-mail both persons of a tandem the day before a planned meeting (once per meeting "
        "and date, in each person's language and time zone). Run hourly from cron."
    )

    def handle(self, *args, **options):
        count = remind_meetings()
        self.stdout.write(f"reminded {count} meeting(s)")
