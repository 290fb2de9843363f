from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "tandem.documents"
    verbose_name = _("Documents")

    def ready(self):
        from tandem.mail.defaults import register_document_texts

        from . import texts

        register_document_texts(texts)
