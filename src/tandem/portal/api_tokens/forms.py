import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.api.enums import TokenAccess
from tandem.api.selectors import scopable_organisations, scopable_rounds
from tandem.core.forms import bound_dates, parse_id

DEFAULT_DAYS = 90


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Reporting spreadsheet”."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        help_text=_("The token reaches only this organisation or this round."),
    )
    access = forms.ChoiceField(
        label=_("Access"),
        choices=TokenAccess.choices,
        initial=TokenAccess.READ,
    )
    expires_on = forms.DateField(
        label=_("Valid until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("At most a year from today; the token stops working at the end of this day."),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {o.pk: o for o in scopable_organisations(person)}
        self.rounds = {r.pk: r for r in scopable_rounds(person)}
        choices = []
        if self.organisations:
            choices.append(
                (
                    _("Organisations you coordinate (all their rounds)"),
                    [(f"o{pk}", o.name) for pk, o in self.organisations.items()],
                )
            )
        if self.rounds:
            choices.append(
                (
                    _("Rounds"),
                    [(f"r{pk}", str(r)) for pk, r in self.rounds.items()],
                )
            )
        self.fields["scope"].choices = [("", "—")] + choices
        self.fields["expires_on"].initial = timezone.localdate() + dt.timedelta(days=DEFAULT_DAYS)
        bound_dates(self)

    def clean_scope(self):
        value = self.cleaned_data["scope"]
        kind, number = value[:1], parse_id(value[1:])
        found = {"o": self.organisations, "r": self.rounds}.get(kind, {}).get(number)
        if found is None:
            raise forms.ValidationError(_("Please choose one organisation or one round."))
        return {"organisation": found} if kind == "o" else {"round": found}

    def expires_at(self) -> dt.datetime:
        day = self.cleaned_data["expires_on"]
        end = dt.datetime.combine(day, dt.time(23, 59, 59))
        return timezone.make_aware(end)
