from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import LocalDateTimeInput, ModelMultipleChoiceField, bound_dates
from tandem.core.validators import single_line
from tandem.programmes.models import Topic
from tandem.recruitment.services import STATUSES_BY_HAND


class CandidateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, validators=[single_line])
    email = forms.EmailField(label=_("E-mail address"))
    institution = forms.CharField(
        label=_("Institution"), max_length=250, required=False, validators=[single_line]
    )
    topics = ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only coordinators see these notes here. The person receives them with "
            "their data export if they ask for it (right of access), so write them "
            "accordingly."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language for e-mails"), choices=settings.LANGUAGES, initial="de"
    )

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = round.programme.topics.all()


class CandidateStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        help_text=_(
            "For answers that came another way. “Invited” and “accepted” only come "
            "from the invitation link."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status.value, status.label) for status in STATUSES_BY_HAND
        ]


class InviteForm(forms.Form):
    candidates = ModelMultipleChoiceField(
        label=_("Candidates"),
        queryset=None,
        error_messages={"required": _("Please select at least one candidate.")},
    )

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidates"].queryset = round.candidates.all()


class InfoEventForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=LocalDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"),
        widget=LocalDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    video_url = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")
    agenda = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        bound_dates(self, programme_round=round)

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The event must end after it starts."))
        return data
