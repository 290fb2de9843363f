from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "tandem.people"
    verbose_name = _("People")

    def ready(self):
        from tandem.privacy.registry import register

        from .personal_data import DECLARATION

        register(DECLARATION)

        from allauth.mfa.signals import authenticator_added

        from .receivers import record_second_factor_on_setup

        authenticator_added.connect(
            record_second_factor_on_setup, dispatch_uid="people.second_factor_on_setup"
        )
