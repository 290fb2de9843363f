from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import ModelChoiceField, ModelMultipleChoiceField


class CertificateLanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class DirectorySearchForm(forms.Form):
    topic = ModelChoiceField(
        label=_("Topic"), queryset=None, required=False, empty_label=_("all topics")
    )

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics


class DirectoryEntryForm(forms.Form):
    topics = ModelMultipleChoiceField(
        label=_("Topics you can talk about"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    share_contact = forms.BooleanField(
        label=_("Show how to contact me"),
        required=False,
        help_text=_("Only if you tick this box do others in the directory see your contact."),
    )
    contact = forms.CharField(
        label=_("Contact (e-mail address, phone or profile)"), max_length=200, required=False
    )

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = topics
