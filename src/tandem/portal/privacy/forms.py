from allauth.core import ratelimit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    """A tick and the password: the tick says what will happen, the password proves it is
    the person and not someone at an unattended browser. Accounts without a password
    (imported, never logged in with one) type their e-mail address instead.
    """

    confirm = forms.BooleanField(
        label=_("I understand that my account and my data will be deleted. This cannot be undone."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )

    def __init__(self, *args, person, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.request = request
        if person.has_usable_password():
            self.fields["password"] = forms.CharField(
                label=_("Your password"),
                strip=False,
                widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
                error_messages={"required": _("Please enter your password.")},
            )
        else:
            self.fields["email"] = forms.EmailField(
                label=_("Your e-mail address"),
                help_text=_("Type the address you log in with."),
                error_messages={"required": _("Please type your e-mail address.")},
            )

    def clean_password(self):
        password = self.cleaned_data["password"]
        # The same limit as allauth's re-authentication: guessing passwords here is slow.
        if self.request is not None and not ratelimit.consume(
            self.request, action="reauthenticate", user=self.person
        ):
            raise ValidationError(_("Too many attempts. Please wait a minute and try again."))
        if not self.person.check_password(password):
            raise ValidationError(_("This password is not correct."))
        return password

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email.strip().lower() != self.person.email.lower():
            raise ValidationError(_("This is not the address of your account."))
        return email
