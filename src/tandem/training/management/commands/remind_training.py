from django.core.management.base import BaseCommand

from tandem.training.reminders import remind_training


class Command(BaseCommand):
    help = (
        "E-mail the day before a training session (everyone invited who did not decline) "
        "and a consultation (the person and the trainer), once each. Run hourly from cron."
    )

    def handle(self, *args, **options):
        sessions, bookings = remind_training()
        self.stdout.write(f"reminded {sessions} training session(s), {bookings} consultation(s)")
