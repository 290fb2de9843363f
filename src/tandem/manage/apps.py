from django.apps import AppConfig


class ManageConfig(AppConfig):
    name = "tandem.manage"
    label = "tandem_manage"
