from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "tandem.recruitment"
    verbose_name = _("Recruitment")

    def ready(self):
        from tandem.mail.defaults import DEFAULT_TEMPLATES

        from .mail_texts import MAIL_TEMPLATES

        DEFAULT_TEMPLATES.update(MAIL_TEMPLATES)
