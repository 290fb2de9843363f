from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "tandem.evaluation"
    verbose_name = _("Evaluation: interviews, feedback session, round report")

    def ready(self):
        from tandem.mail.defaults import register_mail_texts
        from tandem.privacy.registry import register

        from . import mails, personal_data, rules  # noqa: F401 — rules registers permissions

        register_mail_texts(mails)
        register(personal_data.DECLARATION)
