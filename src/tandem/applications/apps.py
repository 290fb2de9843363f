from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "tandem.applications"
    verbose_name = _("Applications")

    def ready(self):
        from tandem.mail.defaults import register_mail_texts

        from . import mails

        register_mail_texts(mails)

        from tandem.mail.defaults import register_document_texts

        from . import call_texts

        register_document_texts(call_texts)

        from tandem.privacy.registry import register

        from .personal_data import DECLARATION

        register(DECLARATION)

        from tandem.programmes.services import institution_merging

        from .services import move_to_merged_institution

        institution_merging.connect(
            move_to_merged_institution, dispatch_uid="applications.institution_merging"
        )
