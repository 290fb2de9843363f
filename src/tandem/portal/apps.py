from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "tandem.portal"
    label = "tandem_portal"
