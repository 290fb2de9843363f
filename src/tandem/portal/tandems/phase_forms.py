"""Forms for the goal's reflection, ending a tandem early and recurring dates.

The services check everything again; the limits here give the same message early.
"""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import bound_dates
from tandem.tandems import early_end, recurring, services
from tandem.tandems.enums import EndCategory, SeriesKind
from tandem.tandems.limits import MEETING_MINUTES_MAX, MEETING_MINUTES_MIN

from .forms import LENGTH_MESSAGES, GoalForm

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
ORDINALS = [(1, _("first")), (2, _("second")), (3, _("third")), (4, _("fourth")), (5, _("last"))]


class GoalChangeForm(GoalForm):
    reflection = forms.CharField(
        label=_("How did it go? (a short reflection, optional)"),
        required=False,
        max_length=services.REFLECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept with this change of progress, so you both see later how the goal went. "
            "Only the two of you read it."
        ),
    )


class EndTandemForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Why do you end the tandem?"),
        choices=EndCategory.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose the reason that fits best."),
            "invalid_choice": _("Please choose the reason that fits best."),
        },
    )
    reason = forms.CharField(
        label=_("A few words for the coordinators (optional)"),
        required=False,
        max_length=early_end.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only the coordinators read this. Your partner is told that the tandem has "
            "ended, never why; it is in no note and no e-mail to your partner."
        ),
    )
    confirm = forms.BooleanField(
        label=_("Yes, I end this tandem now. This cannot be undone."),
        error_messages={"required": _("Please confirm that you want to end the tandem.")},
    )


class SeriesForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Repeats"),
        choices=SeriesKind.choices,
        widget=forms.RadioSelect,
        initial=SeriesKind.MONTHLY,
        error_messages={"required": _("Please choose how the meetings repeat.")},
    )
    ordinal = forms.TypedChoiceField(
        label=_("Which one in the month"),
        choices=ORDINALS,
        coerce=int,
        initial=1,
        help_text=_("For monthly meetings, e.g. the first Tuesday."),
    )
    interval_weeks = forms.IntegerField(
        label=_("Every … weeks"),
        min_value=1,
        max_value=12,
        initial=4,
        help_text=_("For meetings every few weeks."),
        error_messages={
            "min_value": _("Please give a number of weeks between 1 and 12."),
            "max_value": _("Please give a number of weeks between 1 and 12."),
        },
    )
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=WEEKDAYS, coerce=int, initial=1)
    start_time = forms.TimeField(
        label=_("Time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        input_formats=["%H:%M"],
        error_messages={
            "required": _("Please give the time, e.g. 10:00."),
            "invalid": _("Please give the time, e.g. 10:00."),
        },
    )
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"),
        min_value=MEETING_MINUTES_MIN,
        max_value=MEETING_MINUTES_MAX,
        error_messages=LENGTH_MESSAGES,
    )
    starts_on = forms.DateField(
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": _("Please give the day from which the meetings start."),
            "invalid": _("Please give a date, e.g. 2026-05-04."),
        },
    )
    count = forms.IntegerField(
        label=_("Number of meetings"),
        min_value=recurring.COUNT_MIN,
        max_value=recurring.COUNT_MAX,
        initial=6,
    )

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        bound_dates(self, programme_round=round)
        message = gettext("Please plan between %(min)s and %(max)s meetings.") % {
            "min": recurring.COUNT_MIN,
            "max": recurring.COUNT_MAX,
        }
        self.fields["count"].error_messages |= {
            "min_value": message,
            "max_value": message,
            "required": message,
        }

    @classmethod
    def fresh(cls, tandem, minutes: int) -> "SeriesForm":
        return cls(
            round=tandem.round,
            initial={
                "starts_on": timezone.localdate() + dt.timedelta(days=1),
                "start_time": dt.time(10, 0),
                "duration_minutes": minutes,
            },
        )

    @classmethod
    def of(cls, series) -> "SeriesForm":
        return cls(
            round=series.tandem.round,
            initial={
                name: getattr(series, name)
                for name in (
                    "kind",
                    "ordinal",
                    "interval_weeks",
                    "weekday",
                    "start_time",
                    "duration_minutes",
                    "starts_on",
                    "count",
                )
            },
        )
