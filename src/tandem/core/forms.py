import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

# Ids are BigAutoFields: a signed 64-bit integer on SQLite and PostgreSQL. A larger number
# is no id of ours, and the databases refuse to compare with it (OverflowError on SQLite,
# "out of range" on PostgreSQL) — so it is turned away before any query is built.
MAX_ID = 2**63 - 1
_ID = re.compile(r"0*([0-9]{1,19})")


def parse_id(value) -> int | None:
    """The id that a form, a URL or a button sent, or None if it cannot be one of ours.

    Only ASCII digits count ("²" and "٣" pass ``str.isdigit`` but are no id), and only
    numbers from 1 up to the largest id the database holds.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        found = _ID.fullmatch(str(value).strip())
        if not found:
            return None
        number = int(found.group(1))
    return number if 0 < number <= MAX_ID else None


def _keyed_by_id(field) -> bool:
    model = field.queryset.model
    key = field.to_field_name
    target = model._meta.get_field(key) if key else model._meta.pk
    return isinstance(target, models.IntegerField)


class ModelChoiceField(forms.ModelChoiceField):
    """Django's field, but a value that cannot be an id is "not a valid choice", not a 500.

    Every form of the project uses this class and its multiple sibling (a test makes sure).
    """

    def to_python(self, value):
        if value not in self.empty_values and _keyed_by_id(self) and parse_id(value) is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Ticks of ids; one oversized or malformed id is refused with the usual message."""

    def _check_values(self, value):
        if _keyed_by_id(self):
            for pk in value:
                if parse_id(pk) is None:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": pk},
                    )
        return super()._check_values(value)


# Dates people type are kept near the round they belong to (its phases ± 2 years) or, for
# things without a round, near today (± 5 years). Beyond that a date is a typo, and one at
# the edge of the calendar (9999-12-31 23:30) broke every page that showed it in a time zone.
ROUND_MARGIN_YEARS = 2
OPEN_MARGIN_YEARS = 5


def _shift(day: dt.date, years: int) -> dt.date:
    year = min(max(day.year + years, dt.MINYEAR + 1), dt.MAXYEAR - 1)
    return day.replace(year=year, day=min(day.day, 28) if day.month == 2 else day.day)


def date_window(round=None) -> tuple[dt.date, dt.date]:
    """The first and the last day a person may enter for the round (or for no round)."""
    if round is not None:
        spans = [(start, end) for start, end in round.phases.values_list("starts_on", "ends_on")]
        if spans:
            return (
                _shift(min(start for start, _end in spans), -ROUND_MARGIN_YEARS),
                _shift(max(end for _start, end in spans), ROUND_MARGIN_YEARS),
            )
    today = timezone.localdate()
    return _shift(today, -OPEN_MARGIN_YEARS), _shift(today, OPEN_MARGIN_YEARS)


def bound_dates(form, *, programme_round=None) -> None:
    """Refuse, on every date and date-time field of the form, days outside the window."""
    first, last = date_window(programme_round)
    message = _("Please give a date between %(first)s and %(last)s.") % {
        "first": formats.date_format(first, "SHORT_DATE_FORMAT"),
        "last": formats.date_format(last, "SHORT_DATE_FORMAT"),
    }

    def within(value):
        if isinstance(value, dt.datetime):
            value = value.date()  # already in the person's time zone, as typed
        if not first <= value <= last:
            raise ValidationError(message, code="date_out_of_range")

    for field in form.fields.values():
        if isinstance(field, forms.DateField | forms.DateTimeField):
            field.validators.append(within)


def integer_between(*, label, low: int, high: int, initial: int, message, required_message):
    """An IntegerField from low to high. `message` (marked for translation, with %(low)s
    and %(high)s, or %(n)s for the highest) is filled in when it is shown, so the limits
    are said once, where they are defined, and the text is in the reader's language."""
    values = {"low": low, "high": high, "n": high}
    text = lazy(lambda: str(message) % values, str)()
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        initial=initial,
        error_messages={"min_value": text, "max_value": text, "required": required_message},
    )


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
