from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils import timezone


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (or on top)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class TandemBoundField(BoundField):
    """Bootstrap classes on every widget, and errors tied to their field for screen readers."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        input_type = getattr(widget, "input_type", "")
        if input_type in {"checkbox", "radio"}:
            css = "form-check-input"
        elif input_type == "select" or widget.__class__.__name__.endswith("Select"):
            css = "form-select"
        else:
            css = "form-control"
        classes = [attrs.get("class", ""), css]
        if self.errors:
            classes.append("is-invalid")
            attrs["aria-invalid"] = "true"
            # Django ties the error id itself in recent versions; add it only once.
            described = attrs.get("aria-describedby", "").split()
            if f"{self.auto_id}_error" not in described:
                described.append(f"{self.auto_id}_error")
            attrs["aria-describedby"] = " ".join(described)
        attrs["class"] = " ".join(part for part in classes if part)
        return attrs


class TandemFormRenderer(TemplatesSetting):
    bound_field_class = TandemBoundField
    field_template_name = "forms/field.html"


class LocalDateTimeInput(forms.DateTimeInput):
    """A browser date-time picker; shows and reads times in the person's time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")

    def format_value(self, value):
        if hasattr(value, "tzinfo") and value.tzinfo is not None:
            value = timezone.localtime(value)
        return super().format_value(value)
