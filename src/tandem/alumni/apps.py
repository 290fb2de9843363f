from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlumniConfig(AppConfig):
    name = "tandem.alumni"
    verbose_name = _("Certificates, alumni and the next round")

    def ready(self):
        from tandem.mail.defaults import register_document_texts
        from tandem.privacy.registry import register

        from . import certificate_texts, personal_data, rules  # noqa: F401 — rules registers

        register(personal_data.DECLARATION)
        register_document_texts(certificate_texts)
