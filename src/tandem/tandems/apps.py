from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TandemsConfig(AppConfig):
    name = "tandem.tandems"
    verbose_name = _("Tandems")

    def ready(self):
        from tandem.mail.defaults import DEFAULT_TEMPLATES, MAIL_PURPOSES

        from . import rules  # noqa: F401 — registers the permissions
        from .mails import MAIL_TEMPLATES, PURPOSES
        from .poll_mails import MAIL_TEMPLATES as POLL_MAILS
        from .poll_mails import PURPOSES as POLL_PURPOSES

        DEFAULT_TEMPLATES.update(MAIL_TEMPLATES)
        MAIL_PURPOSES.update(PURPOSES)
        DEFAULT_TEMPLATES.update(POLL_MAILS)
        MAIL_PURPOSES.update(POLL_PURPOSES)
