from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "tandem.audit"
    verbose_name = _("Audit log")

    def ready(self):
        from tandem.privacy.registry import register

        from .personal_data import DECLARATION

        register(DECLARATION)
