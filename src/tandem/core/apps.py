from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tandem.core"
    label = "tandem_core"

    def ready(self):
        # The login receiver that switches to the person's language (activate_on_login).
        from tandem.core import middleware  # noqa: F401
