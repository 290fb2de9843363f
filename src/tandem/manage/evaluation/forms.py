"""Forms of the evaluation pages for coordinators and trainers. The services check again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import LocalDateTimeInput, ModelChoiceField, bound_dates, integer_between
from tandem.evaluation.guide import GUIDE
from tandem.evaluation.selectors import participants, staff_of
from tandem.training.limits import MINUTES_MIN, SESSION_MINUTES_MAX, SLOT_MINUTES_MAX

from ..training.forms import LENGTH_MESSAGE, cancel_notice_field

DATE_MESSAGES = {
    "required": _("Please give a date and time."),
    "invalid": _("Please give a date and time, e.g. 2026-05-04 10:00."),
}


def _length(initial: int, longest: int) -> forms.IntegerField:
    return integer_between(
        label=_("Length (minutes)"),
        low=MINUTES_MIN,
        high=longest,
        initial=initial,
        message=LENGTH_MESSAGE,
        required_message=_("Please give the length in minutes."),
    )


class _WhenForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"), widget=LocalDateTimeInput, error_messages=DATE_MESSAGES
    )
    online_url = forms.CharField(
        label=_("Online link"),
        required=False,
        max_length=200,
        help_text=_("Paste the link of the video room, if online."),
    )
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=300,
        help_text=_("Room and address, if in person."),
    )


class InterviewForm(_WhenForm):
    duration_minutes = _length(45, SLOT_MINUTES_MAX)
    field_order = ["person", "interviewer", "starts_at", "duration_minutes", "online_url", "place"]

    def __init__(self, *args, round, new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if new:
            self.fields["person"] = ModelChoiceField(
                label=_("Participant"),
                queryset=participants(round),
                error_messages={
                    "required": _("Please choose a mentor or mentee of this round."),
                    "invalid_choice": _("Please choose a mentor or mentee of this round."),
                },
            )
        self.fields["interviewer"] = ModelChoiceField(
            label=_("Interviewer"),
            queryset=staff_of(round),
            error_messages={
                "required": _("Please choose a coordinator or trainer of this round."),
                "invalid_choice": _("Please choose a coordinator or trainer of this round."),
            },
        )
        self.order_fields(self.field_order)
        bound_dates(self, programme_round=round)


class InterviewNotesForm(forms.Form):
    """One text field per item of the interview guide, in the reader's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in GUIDE:
            self.fields[item.key] = forms.CharField(
                label=item.text,
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )


class FeedbackSessionForm(_WhenForm):
    duration_minutes = _length(120, SESSION_MINUTES_MAX)
    field_order = [
        "starts_at",
        "duration_minutes",
        "online_url",
        "place",
        "moderator",
        "description",
    ]
    description = forms.CharField(
        label=_("Description and agenda"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Those invited read this on their evaluation page."),
    )

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moderator"] = ModelChoiceField(
            label=_("Moderator"),
            queryset=staff_of(round),
            required=False,
            help_text=_("The moderator writes the summary after the session."),
            error_messages={
                "invalid_choice": _("Please choose a coordinator or trainer of this round.")
            },
        )
        self.order_fields(self.field_order)
        bound_dates(self, programme_round=round)


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the feedback session"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Read by the round's coordinators and trainers; it is part of the report."),
    )


class LessonsForm(forms.Form):
    lessons_learned = forms.CharField(
        label=_("Lessons learned"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the next round should keep or change; part of the round report."),
    )


class InterviewSlotForm(_WhenForm):
    """A time offered for booking; the services check overlap and notice again."""

    duration_minutes = _length(45, SLOT_MINUTES_MAX)
    cancel_notice_hours = cancel_notice_field()
    field_order = [
        "interviewer",
        "starts_at",
        "duration_minutes",
        "online_url",
        "place",
        "cancel_notice_hours",
    ]

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewer"] = ModelChoiceField(
            label=_("Interviewer"),
            queryset=staff_of(round),
            error_messages={
                "required": _("Please choose a coordinator or trainer of this round."),
                "invalid_choice": _("Please choose a coordinator or trainer of this round."),
            },
        )
        self.order_fields(self.field_order)
        bound_dates(self, programme_round=round)
