from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "tandem.people"
    verbose_name = _("People")

    def ready(self):
        from tandem.privacy.registry import register

        from .personal_data import DECLARATION

        register(DECLARATION)
