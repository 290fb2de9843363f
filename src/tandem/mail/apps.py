from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "tandem.mail"
    label = "tandem_mail"
    verbose_name = _("E-mail")

    def ready(self):
        from tandem.privacy.registry import register

        from .personal_data import DECLARATION

        register(DECLARATION)
