from django.core.management.base import BaseCommand

from tandem.tandems.nudges import nudge_quiet_tandems


class Command(BaseCommand):
    help = (
        "Remind both persons of each quiet tandem (no meeting for longer than its rhythm "
        "plus a week, none planned) to plan the next meeting; at most once every 14 days "
        "per tandem, only in rounds in their tandem phase. Run daily from cron."
    )

    def handle(self, *args, **options):
        count = nudge_quiet_tandems()
        self.stdout.write(f"reminded {count} quiet tandem(s)")
