from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import ModelMultipleChoiceField
from tandem.mail.enums import MailStatus
from tandem.mail.texts import BODY_MAX_LENGTH

LANGUAGES = ("de", "en")


class MailTextForm(forms.Form):
    """Subject and text of one purpose in both languages of the platform."""

    subject_de = forms.CharField(label=_("Subject (German)"), max_length=200)
    body_de = forms.CharField(
        label=_("Text (German)"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    subject_en = forms.CharField(label=_("Subject (English)"), max_length=200)
    body_en = forms.CharField(
        label=_("Text (English)"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 14}),
    )

    def texts(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {code: (data[f"subject_{code}"], data[f"body_{code}"]) for code in LANGUAGES}


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    purpose = forms.ChoiceField(label=_("Purpose"), required=False)

    def __init__(self, *args, purposes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("(all)"))] + MailStatus.choices
        self.fields["purpose"].choices = [("", _("(all)"))] + [
            (purpose.key, purpose.title) for purpose in purposes
        ]


class OutboxActionForm(forms.Form):
    """The buttons under the outbox table; some act on the ticked mails, some on all."""

    ACTIONS = {
        "release": _("Send selected drafts"),
        "release_all": _("Send all drafts"),
        "discard": _("Discard selected drafts"),
        "retry": _("Retry selected failed e-mails"),
        "retry_all": _("Retry all failed e-mails"),
    }
    ON_SELECTION = {"release", "discard", "retry"}

    action = forms.ChoiceField(label=_("Action"), choices=list(ACTIONS.items()))
    mails = ModelMultipleChoiceField(label=_("E-mails"), queryset=None, required=False)

    def __init__(self, *args, mails, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mails"].queryset = mails

    def clean(self):
        data = super().clean()
        if data.get("action") in self.ON_SELECTION and not data.get("mails"):
            self.add_error("mails", _("Please tick at least one e-mail."))
        return data


class RoundMessageForm(MailTextForm):
    """A coordinator's message to one group of the round, in both languages."""

    group = forms.ChoiceField(label=_("To"), widget=forms.RadioSelect)

    field_order = ["group", "subject_de", "body_de", "subject_en", "body_en"]

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = groups
