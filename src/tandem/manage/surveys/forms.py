"""Forms of the survey pages for coordinators and trainers. The services check again."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import bound_dates
from tandem.surveys.enums import ItemKind
from tandem.surveys.limits import K_MIN
from tandem.surveys.services import K_MAX, parse_reminder_days


def _closing_date_field():
    return forms.DateField(
        label=_("Answers until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        help_text=_(
            "Answers are taken until the end of this day; the next day the survey closes by "
            "itself and its results are published. Empty: it stays open until you close it."
        ),
        error_messages={"invalid": _("Please give the date as a calendar day.")},
    )


class SurveyForm(forms.Form):
    title_de = forms.CharField(label=_("Title (German)"), required=False, max_length=200)
    title_en = forms.CharField(
        label=_("Title (English)"),
        required=False,
        max_length=200,
        help_text=_("One language is enough: readers of the other one then see it too."),
    )
    intro_de = forms.CharField(
        label=_("Introduction (German)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    intro_en = forms.CharField(
        label=_("Introduction (English)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    closes_on = _closing_date_field()
    reminder_days = forms.CharField(
        label=_("Automatic reminders (days before the closing date)"),
        required=False,
        max_length=100,
        help_text=_(
            "E.g. 7, 2: on these days those who have not answered get a reminder, once each. "
            "Nobody in the programme sees who gets one. Empty: no automatic reminder."
        ),
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

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        bound_dates(self, programme_round=round)

    def clean_reminder_days(self) -> list[int]:
        try:
            return parse_reminder_days(self.cleaned_data.get("reminder_days", ""))
        except ValidationError as error:
            raise ValidationError(error.message_dict["reminder_days"]) from error


class OpenForm(forms.Form):
    closes_on = _closing_date_field()

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        bound_dates(self, programme_round=round)


def reminder_days_text(survey) -> str:
    return ", ".join(str(day) for day in survey.reminder_days or [])


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
