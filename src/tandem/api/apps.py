from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "tandem.api"
    verbose_name = _("REST API")

    def ready(self):
        from tandem.privacy.registry import register

        from . import personal_data

        register(personal_data.DECLARATION)
