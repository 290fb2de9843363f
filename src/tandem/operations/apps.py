from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the platform: worker heartbeat, stuck tasks, health report. No models."""

    name = "tandem.operations"
    label = "operations"
    verbose_name = "Operations"
