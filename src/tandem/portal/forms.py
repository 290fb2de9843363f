from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tandem.core.validators import single_line
from tandem.programmes.enums import InstitutionType, SizeClass


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200, validators=[single_line])
    position = forms.CharField(
        label=_("Position"),
        max_length=200,
        validators=[single_line],
        required=False,
        help_text=_("e.g. Open-Access officer, subject librarian, team lead publishing services"),
    )
    institution_name = forms.CharField(
        label=_("Institution"),
        max_length=250,
        validators=[single_line],
        help_text=_("Start typing to find your institution; spelling variants are recognised."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    institution_type = forms.ChoiceField(
        label=_("Type of institution"),
        choices=[("", _("(only needed for a new institution)"))] + InstitutionType.choices,
        required=False,
    )
    institution_size = forms.ChoiceField(
        label=_("Size of the library"),
        choices=[("", _("(only needed for a new institution)"))] + SizeClass.choices,
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language for e-mails and pages"), choices=settings.LANGUAGES
    )
