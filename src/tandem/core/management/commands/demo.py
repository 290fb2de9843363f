from django.core.management.base import BaseCommand

from tandem.demo.stages import STAGES, build


class Command(BaseCommand):
    help = "Build a demo programme with a pilot-like round at the given stage (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--stage", choices=STAGES, default="applications")

    def handle(self, *args, stage, **options):
        logins = build(stage)
        for role, email, password in logins:
            self.stdout.write(f"{role} {email} {password}")
