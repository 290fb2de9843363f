from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """Matching runs, proposals and consent; the engine below is a plain library."""

    name = "tandem.matching"
    verbose_name = _("Selection and matching")

    def ready(self):
        from tandem.mail.defaults import register_mail_texts

        from . import mails, round_messages, rules  # noqa: F401 — rules registers the permissions

        register_mail_texts(mails)
        register_mail_texts(round_messages)

        from tandem.privacy.registry import register

        from .personal_data import DECLARATION

        register(DECLARATION)
