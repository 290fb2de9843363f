"""Forms of the training pages for trainers and coordinators. The services check again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import LocalDateTimeInput, bound_dates, integer_between
from tandem.training.enums import Audience
from tandem.training.limits import (
    CANCEL_NOTICE_HOURS_MAX,
    MINUTES_MIN,
    SESSION_MINUTES_MAX,
    SLOT_MINUTES_MAX,
)

LENGTH_MESSAGE = _("Please give a length between %(low)s and %(high)s minutes.")


def cancel_notice_field():
    """How many hours ahead a booked slot may be cancelled (consultations, interviews)."""
    return integer_between(
        label=_("Cancelling possible up to … hours ahead"),
        low=0,
        high=CANCEL_NOTICE_HOURS_MAX,
        initial=24,
        message=_("Please give between 0 and %(n)s hours (two weeks)."),
        required_message=_("Please give the notice in hours."),
    )


DATE_MESSAGES = {
    "required": _("Please give a date and time."),
    "invalid": _("Please give a date and time, e.g. 2026-05-04 10:00."),
}


class SessionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Please give the session a title.")},
    )
    starts_at = forms.DateTimeField(
        label=_("Date and time"), widget=LocalDateTimeInput, error_messages=DATE_MESSAGES
    )
    duration_minutes = integer_between(
        label=_("Length (minutes)"),
        low=MINUTES_MIN,
        high=SESSION_MINUTES_MAX,
        initial=180,
        message=LENGTH_MESSAGE,
        required_message=_("Please give the length in minutes."),
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
    description = forms.CharField(
        label=_("Description and agenda"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Those invited read this; the default agenda covers expectations of the "
            "programme and conversation techniques in mentoring."
        ),
    )
    audience = forms.ChoiceField(
        label=_("Invite"), choices=Audience.choices, initial=Audience.MENTORS
    )

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        bound_dates(self, programme_round=round)


class MaterialForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Please give the material a title.")},
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, office document, text or image; at most 20 MB."),
    )
    url = forms.CharField(label=_("or a link"), required=False, max_length=200)


class SlotForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("First slot: date and time"),
        widget=LocalDateTimeInput,
        error_messages=DATE_MESSAGES,
    )
    duration_minutes = integer_between(
        label=_("Length (minutes)"),
        low=MINUTES_MIN,
        high=SLOT_MINUTES_MAX,
        initial=45,
        message=LENGTH_MESSAGE,
        required_message=_("Please give the length in minutes."),
    )
    online_url = forms.CharField(label=_("Online link"), required=False, max_length=200)
    cancel_notice_hours = cancel_notice_field()
    weekly_until = forms.DateField(
        label=_("Repeat weekly until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Please give a date, e.g. 2026-06-30.")},
        help_text=_("Leave empty for a single slot."),
    )

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        bound_dates(self, programme_round=round)


class TrainerNotesForm(forms.Form):
    trainer_notes = forms.CharField(
        label=_("Your notes"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only you read these notes: not the person, not the coordinators."),
    )
