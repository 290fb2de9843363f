from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tandem.alumni.badges import create_key


class Command(BaseCommand):
    help = (
        "Create the private key that signs Open Badges credentials, at "
        "TANDEM_BADGE_KEY_PATH (readable by this user only). Replacing a key makes the "
        "credentials signed with the old one unverifiable."
    )

    def add_arguments(self, parser):
        parser.add_argument("--replace", action="store_true", help="replace an existing key")

    def handle(self, *args, replace=False, **options):
        try:
            path = create_key(settings.TANDEM_BADGE_KEY_PATH, replace=replace)
        except FileExistsError as error:
            raise CommandError(
                f"A key exists at {error}; use --replace to make a new one."
            ) from None
        self.stdout.write(f"Badge signing key written to {path}")
