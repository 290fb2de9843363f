"""Forms of the tandem workspace. The services check everything again; the limits here
give the browser and the person the same message early."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import LocalDateTimeInput, ModelMultipleChoiceField, bound_dates
from tandem.tandems import services
from tandem.tandems.enums import MeetingStatus
from tandem.tandems.limits import (
    MEETING_LENGTH_MESSAGE,
    MEETING_MINUTES_MAX,
    MEETING_MINUTES_MIN,
    MEETING_TOO_SHORT_MESSAGE,
)

LENGTH_MESSAGES = {
    "min_value": MEETING_TOO_SHORT_MESSAGE,
    "max_value": MEETING_LENGTH_MESSAGE,
    "required": _("Please give the length in minutes."),
}
PROGRESS_MESSAGES = {
    "min_value": _("Please give the progress as a number from 0 to 100."),
    "max_value": _("Please give the progress as a number from 0 to 100."),
}


class AgreementForm(forms.Form):
    goals = forms.CharField(
        label=_("Goals of the mentoring"),
        max_length=services.GOALS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What do you want to achieve together in this round?"),
        error_messages={"required": _("Please write down what you want to achieve together.")},
    )
    topics = ModelMultipleChoiceField(
        label=_("Topics you will work on"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Please choose topics of this programme."),
            "invalid_pk_value": _("Please choose topics of this programme."),
        },
    )
    rhythm_weeks = forms.IntegerField(
        label=_("We meet every … weeks"),
        min_value=1,
        max_value=12,
        error_messages={
            "min_value": _("Please give a number of weeks between 1 and 12."),
            "max_value": _("Please give a number of weeks between 1 and 12."),
        },
    )
    meeting_minutes = forms.IntegerField(
        label=_("Our meetings last up to … minutes"),
        min_value=MEETING_MINUTES_MIN,
        max_value=MEETING_MINUTES_MAX,
        error_messages={"min_value": MEETING_LENGTH_MESSAGE, "max_value": MEETING_LENGTH_MESSAGE},
    )
    channel = forms.CharField(
        label=_("Where we meet (video link or place)"),
        required=False,
        max_length=services.CHANNEL_MAX_LENGTH,
    )
    confidentiality = forms.BooleanField(
        label=_("What we discuss stays in the tandem"),
        required=False,
        help_text=_("Neither of us passes on what the other tells in confidence."),
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = programme.topics.all()


class ConfirmAgreementForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput)


class GoalForm(forms.Form):
    text = forms.CharField(
        label=_("Goal"),
        max_length=services.GOAL_MAX_LENGTH,
        error_messages={"required": _("Please describe the goal.")},
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        initial=0,
        error_messages=PROGRESS_MESSAGES
        | {"required": _("Please give the progress as a number from 0 to 100.")},
    )


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=LocalDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={
            "required": _("Please give the date and time of the meeting."),
            "invalid": _("Please give a date and time, e.g. 2026-05-04 14:30."),
        },
    )
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"),
        min_value=MEETING_MINUTES_MIN,
        max_value=MEETING_MINUTES_MAX,
        error_messages=LENGTH_MESSAGES,
    )
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        assume_scheme="https",
        max_length=services.VIDEO_URL_MAX_LENGTH,
        error_messages={"invalid": _("Please give a web address that starts with https://.")},
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=services.AGENDA_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Topics and goals for this meeting — agreed in advance. Only the two of "
            "you see the agenda; it is in no e-mail and no calendar file."
        ),
    )

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        bound_dates(self, programme_round=round)


class MeetingStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=MeetingStatus.choices,
        error_messages={
            "invalid_choice": _("Please choose held, cancelled or planned."),
            "required": _("Please choose held, cancelled or planned."),
        },
    )


class TimeSpentForm(forms.Form):
    meeting_minutes = forms.IntegerField(
        label=_("Meeting (minutes)"),
        min_value=0,
        max_value=services.MINUTES_SPENT_MAX,
        initial=0,
    )
    preparation_minutes = forms.IntegerField(
        label=_("Preparation (minutes)"),
        min_value=0,
        max_value=services.MINUTES_SPENT_MAX,
        initial=0,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        message = _("Please give between 0 and %(n)s minutes.") % {"n": services.MINUTES_SPENT_MAX}
        for field in self.fields.values():
            field.error_messages |= {
                "min_value": message,
                "max_value": message,
                "required": message,
            }


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"),
        max_length=services.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Please write the note.")},
    )
    shared = forms.BooleanField(
        label=_("Share with my tandem partner"),
        required=False,
        help_text=_("Without this tick only you can read the note."),
    )
