from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "tandem.applications"
    verbose_name = _("Applications")

    def ready(self):
        from tandem.mail.defaults import DEFAULT_TEMPLATES, MAIL_PURPOSES

        from .mails import MAIL_TEMPLATES, PURPOSES

        DEFAULT_TEMPLATES.update(MAIL_TEMPLATES)
        MAIL_PURPOSES.update(PURPOSES)
