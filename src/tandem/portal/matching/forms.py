from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.matching.enums import Answer


class AnswerForm(forms.Form):
    """Yes or no to one proposal. Both fields are optional here: the service decides
    what is missing (a no needs a comment), so its messages appear on the fields."""

    answer = forms.ChoiceField(
        label=_("Does this proposal fit you?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    comment = forms.CharField(
        label=_("Comment"),
        help_text=_("Needed if it does not fit. Only the coordinators read it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
