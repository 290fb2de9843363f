from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "tandem.public"
    label = "tandem_public"
