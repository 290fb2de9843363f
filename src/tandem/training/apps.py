from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "tandem.training"
    verbose_name = _("Mentor training and consultations")

    def ready(self):
        from tandem.mail.defaults import CONFIDENTIAL_PURPOSES, register_mail_texts
        from tandem.privacy.registry import register

        from . import mails, personal_data, rules  # noqa: F401 — rules registers permissions
        from .models import ConsultationSlot
        from .slots import register_slot_kind

        register_mail_texts(mails)
        register_slot_kind(
            "consultation", lambda person: ConsultationSlot.objects.filter(trainer=person)
        )
        # Who booked a consultation is the trainer's to know (DESIGN.md §2): these mails
        # are queued outside the round's outbox, and marked confidential besides.
        CONFIDENTIAL_PURPOSES.update(mails.CONSULTATION_PURPOSES)
        register(personal_data.DECLARATION)
