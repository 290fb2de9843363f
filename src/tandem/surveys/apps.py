from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "tandem.surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from tandem.mail.defaults import register_mail_texts
        from tandem.privacy.registry import register

        from . import mails, personal_data, rules  # noqa: F401 — rules registers permissions

        register_mail_texts(mails)
        register(personal_data.DECLARATION)
