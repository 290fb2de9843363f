"""Forms of the survey pages for coordinators and trainers. The services check again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.surveys.enums import ItemKind
from tandem.surveys.limits import K_MIN
from tandem.surveys.services import K_MAX


class SurveyForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Please give the survey a title.")},
    )
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    k = forms.IntegerField(
        label=_("Smallest group shown (k)"),
        min_value=K_MIN,
        max_value=K_MAX,
        help_text=_(
            "Results are shown only where at least k people answered. Fixed once the first "
            "answer is in; respondents see it before they answer."
        ),
        error_messages={
            "min_value": _("k must be at least 3."),
            "max_value": _("k must be at most 50."),
            "required": _("Please give k."),
            "invalid": _("Please give k as a whole number."),
        },
    )


class ItemForm(forms.Form):
    text_de = forms.CharField(
        label=_("Question (German)"),
        max_length=500,
        error_messages={"required": _("Please word the question in German.")},
    )
    text_en = forms.CharField(
        label=_("Question (English)"),
        max_length=500,
        error_messages={"required": _("Please word the question in English.")},
    )
    source = forms.CharField(label=_("Source of the question"), required=False, max_length=500)
    choices_text = forms.CharField(
        label=_("Answers to choose from"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One answer a line: German | English. Only for single and multiple choice."),
    )


class NewItemForm(ItemForm):
    kind = forms.ChoiceField(
        label=_("Kind of question"),
        choices=ItemKind.choices,
        error_messages={"required": _("Please choose the kind of question.")},
    )
    field_order = ["kind", "text_de", "text_en", "source", "choices_text"]


def choice_lines(item) -> str:
    return "\n".join(f"{choice['de']} | {choice['en']}" for choice in item.choices)
