from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import ModelChoiceField
from tandem.programmes.enums import InstitutionType
from tandem.programmes.models import Topic

CONSENT_TEXT = _(
    "I agree that my name and e-mail address are stored to organise the info event and to "
    "send me the dial-in details. They are used for nothing else."
)


class GalleryFilterForm(forms.Form):
    topic = ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.none(),
        required=False,
        empty_label=_("All topics"),
        to_field_name="key",
    )
    institution_type = forms.ChoiceField(
        label=_("Type of institution"),
        required=False,
        choices=[("", _("All types"))] + InstitutionType.choices,
    )

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = round.programme.topics.all()


class InfoEventRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"))
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Please agree so that we can register you.")},
    )


class InvitationAnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", "accept"), ("decline", "decline")])
