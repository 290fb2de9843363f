from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TandemsConfig(AppConfig):
    name = "tandem.tandems"
    verbose_name = _("Tandems")

    def ready(self):
        from tandem.mail.defaults import register_mail_texts

        from . import mails, phase_mails, poll_mails, rules  # noqa: F401 — rules: permissions

        register_mail_texts(mails)
        register_mail_texts(poll_mails)
        register_mail_texts(phase_mails)

        from tandem.privacy.registry import register

        from .personal_data import DECLARATION

        register(DECLARATION)
