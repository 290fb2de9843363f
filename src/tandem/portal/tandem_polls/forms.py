from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import LocalDateTimeInput, ModelChoiceField, bound_dates
from tandem.tandems import polls
from tandem.tandems.enums import VoteAnswer
from tandem.tandems.limits import (
    MEETING_LENGTH_MESSAGE,
    MEETING_MINUTES_MAX,
    MEETING_MINUTES_MIN,
)
from tandem.tandems.models import DateOption
from tandem.tandems.selectors import partner_of

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
DEFAULT_ROWS, MORE_ROWS = 4, 3


def rows_wanted(data, more: bool = False) -> int:
    """How many date rows the form shows; "more rows" adds some, up to the maximum."""
    try:
        rows = int(data.get("rows", DEFAULT_ROWS))
    except (TypeError, ValueError):
        rows = DEFAULT_ROWS
    rows += MORE_ROWS if more else 0
    return max(polls.MIN_OPTIONS, min(rows, polls.MAX_OPTIONS))


class PollForm(forms.Form):
    """Dates in rows without JavaScript: empty rows are ignored, a button adds rows."""

    tandem = forms.TypedChoiceField(label=_("Tandem"), coerce=int)
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"),
        min_value=MEETING_MINUTES_MIN,
        max_value=MEETING_MINUTES_MAX,
        error_messages={"min_value": MEETING_LENGTH_MESSAGE, "max_value": MEETING_LENGTH_MESSAGE},
    )
    note = forms.CharField(
        label=_("Note for your partner"),
        required=False,
        max_length=polls.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only your tandem partner reads it here; it is not sent by e-mail."),
    )
    rows = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, tandems, viewer, rows=DEFAULT_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_count = rows
        self.fields["rows"].initial = rows
        for number in range(1, rows + 1):
            self.fields[f"option_{number}"] = forms.DateTimeField(
                label=_("Date %(number)s") % {"number": number},
                required=False,
                widget=LocalDateTimeInput(),
                input_formats=DATETIME_FORMATS,
            )
        bound_dates(self, programme_round=tandems[0].round if tandems else None)
        if len(tandems) > 1:
            self.fields["tandem"].choices = [
                (tandem.pk, partner_of(tandem, viewer).get_full_name()) for tandem in tandems
            ]
        else:
            del self.fields["tandem"]

    @property
    def option_fields(self):
        return [self[f"option_{number}"] for number in range(1, self.row_count + 1)]

    def options(self) -> list:
        return [
            self.cleaned_data.get(f"option_{number}") for number in range(1, self.row_count + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        options = self.options()
        unreadable = any(
            self.has_error(f"option_{number}") for number in range(1, self.row_count + 1)
        )
        for position, message in polls.option_problems(options).items():
            if position is not None:
                self.add_error(f"option_{position + 1}", message)
            elif not unreadable:
                # "at least two": the message sits on the first empty row, where a date is missing
                empty = next((n for n, value in enumerate(options, 1) if value is None), 1)
                self.add_error(f"option_{empty}", message)
        return cleaned


def date_label(value) -> str:
    """A date and time with the weekday, in the viewer's time zone."""
    local = timezone.localtime(value)
    return f"{formats.date_format(local, 'l')}, {formats.date_format(local, 'DATETIME_FORMAT')}"


class VoteForm(forms.Form):
    """One answer per date of the poll (yes, if need be, no)."""

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        for option in options:
            self.fields[f"answer_{option.pk}"] = forms.ChoiceField(
                label=date_label(option.starts_at),
                choices=VoteAnswer.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose an answer for this date.")},
            )

    def answers(self) -> dict[int, str]:
        return {
            int(name.removeprefix("answer_")): value for name, value in self.cleaned_data.items()
        }


class ChooseForm(forms.Form):
    option = ModelChoiceField(
        queryset=DateOption.objects.all(),
        error_messages={
            "required": _("Please choose one of the dates of this poll."),
            "invalid_choice": _("Please choose one of the dates of this poll."),
        },
    )
