from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "tandem.recruitment"
    verbose_name = _("Recruitment")

    def ready(self):
        from tandem.mail.defaults import DEFAULT_TEMPLATES, MAIL_PURPOSES

        from .mail_texts import MAIL_TEMPLATES, PURPOSES

        DEFAULT_TEMPLATES.update(MAIL_TEMPLATES)
        MAIL_PURPOSES.update(PURPOSES)
