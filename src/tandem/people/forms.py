"""The extra field of sign-up: everyone gives their name, so every letter and e-mail can
name them properly (never by their e-mail address)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class SignupNameForm(forms.Form):
    """allauth's ACCOUNT_SIGNUP_FORM_CLASS: its fields come before e-mail and password."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        help_text=_("As it should appear in e-mails and letters, e.g. Dr. Eva Beispiel."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        # Spaces, tabs and line breaks fold into single spaces; other control characters
        # (NUL above all) are refused.
        if any(ord(char) < 32 or ord(char) == 127 for char in name):
            raise ValidationError(_("Please write the name on one line."))
        if not name:
            raise ValidationError(_("Please write your name."))
        return name

    def signup(self, request, user):
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])
