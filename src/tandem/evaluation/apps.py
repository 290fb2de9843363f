from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "tandem.evaluation"
    verbose_name = _("Evaluation: interviews, feedback session, round report")

    def ready(self):
        from tandem.mail.defaults import register_mail_texts
        from tandem.privacy.registry import register
        from tandem.training.slots import register_slot_kind

        from . import mails, personal_data, rules  # noqa: F401 — rules registers permissions
        from .models import InterviewSlot

        register_mail_texts(mails)
        # An interviewer's interview slots and consultation slots never overlap.
        register_slot_kind(
            "interview", lambda person: InterviewSlot.objects.filter(interviewer=person)
        )
        register(personal_data.DECLARATION)
