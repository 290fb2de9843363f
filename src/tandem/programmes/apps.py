from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "tandem.programmes"
    verbose_name = _("Programmes")

    def ready(self):
        from tandem.privacy.registry import register

        from .personal_data import DECLARATION

        register(DECLARATION)

        from tandem.mail.defaults import register_mail_texts

        from . import mail_texts

        register_mail_texts(mail_texts)
