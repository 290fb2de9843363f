from django.core.management.base import BaseCommand

from tandem.recruitment import services


class Command(BaseCommand):
    help = (
        "Remind invited mentor candidates who have not answered after --days days (once each); "
        "mark those still silent --give-up-days after the reminder as 'no answer'. Run daily "
        "from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=services.REMIND_AFTER_DAYS)
        parser.add_argument("--give-up-days", type=int, default=services.GIVE_UP_AFTER_DAYS)

    def handle(self, *args, days, give_up_days, **options):
        reminded, given_up = services.remind_candidates(after_days=days, give_up_days=give_up_days)
        self.stdout.write(f"reminded {reminded}, marked as no answer {given_up}")
