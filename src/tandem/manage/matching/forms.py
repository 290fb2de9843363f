"""Forms of the coordinators' matching pages.

Fit is shown in percent everywhere, so the minimum fit and the weights are entered in
percent too; MatchSettings keeps the engine's fractions.
"""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import ModelChoiceField, bound_dates
from tandem.matching.enums import MatchMode, OverdueChoice, PairRuleKind, ProposalStatus
from tandem.matching.models import Proposal
from tandem.matching.services import MatchSettings

MODE_HELP = {
    MatchMode.OPTIMAL: _(
        "Admits and pairs so that the sum of all fits is as high as possible. The usual choice."
    ),
    MatchMode.STABLE: _(
        "Mentees get their best available mentor in turn; no mentee and "
        "mentor would both rather have each other. Often a little less fit "
        "in total."
    ),
    MatchMode.FAIR: _(
        "Admits as many as the best total, but first raises the lowest fit of "
        "any pair as far as possible."
    ),
}
WEIGHTS = ("topic", "text", "context", "preference")


def _weight(label, help_text=""):
    return forms.FloatField(
        label=label,
        min_value=0,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "any"}),
        error_messages={"min_value": _("A weight cannot be negative.")},
    )


class ModeSelect(forms.RadioSelect):
    """Each mode's radio button points screen readers to its explanation."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        if option["attrs"].get("id"):
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}_helptext"
        return option


class MatchSettingsForm(forms.Form):
    mode = forms.ChoiceField(label=_("Mode"), choices=MatchMode.choices, widget=ModeSelect)
    topic = _weight(_("Weight of shared topics (%)"))
    text = _weight(_("Weight of matching texts (%)"))
    context = _weight(_("Weight of institution context (%)"))
    preference = _weight(
        _("Weight of stated preferences (%)"),
        _("Weights are relative: they are scaled to add up to 100 %."),
    )
    min_fit = forms.FloatField(
        label=_("Minimum fit (%)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"step": "any"}),
        help_text=_("No pair below this fit is proposed."),
        error_messages={
            "min_value": _("Please enter a value between 0 and 100."),
            "max_value": _("Please enter a value between 0 and 100."),
        },
    )
    places = forms.IntegerField(
        label=_("Maximum number of tandems"),
        min_value=1,
        required=False,
        help_text=_("Leave empty to fill every mentor place that fits."),
        error_messages={"min_value": _("Please enter at least 1, or leave the field empty.")},
    )
    shared_language = forms.BooleanField(
        label=_("Mentor and mentee must share a language"), required=False
    )

    @classmethod
    def from_settings(cls, settings: MatchSettings) -> "MatchSettingsForm":
        initial = {
            "mode": settings.mode,
            "places": settings.places,
            "shared_language": settings.shared_language,
            "min_fit": _as_percent(settings.min_fit),
        }
        initial |= {name: _as_percent(getattr(settings, name)) for name in WEIGHTS}
        return cls(initial=initial)

    def clean(self):
        data = super().clean()
        weights = [data.get(name) for name in WEIGHTS]
        if all(value is not None for value in weights) and sum(weights) <= 0:
            self.add_error("topic", _("At least one weight must be above 0."))
        return data

    def settings(self) -> MatchSettings:
        data = self.cleaned_data
        return MatchSettings(
            mode=data["mode"],
            min_fit=data["min_fit"] / 100,
            places=data["places"],
            shared_language=data["shared_language"],
            **{name: data[name] / 100 for name in WEIGHTS},
        )

    def modes(self):
        """The mode's radio buttons, each with its explanation (rendered in a fieldset)."""
        return [(choice, MODE_HELP.get(choice.data["value"], "")) for choice in self["mode"]]


def _as_percent(value: float) -> float | int:
    value = round(value * 100, 1)
    return int(value) if value == int(value) else value


class PairRuleForm(forms.Form):
    """Pin or exclude one proposed pair; the two submit buttons carry the kind."""

    kind = forms.ChoiceField(
        choices=PairRuleKind.choices,
        error_messages={"required": _("Please choose pin or exclude.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        error_messages={"required": _("Please give a reason; it is kept in the log.")},
    )


class SendForm(forms.Form):
    answer_by = forms.DateField(
        label=_("Answers due by"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        help_text=_("Mentees and mentors accept or decline until this day."),
    )

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        bound_dates(self, programme_round=round)

    @classmethod
    def with_default_date(cls) -> "SendForm":
        return cls(initial={"answer_by": timezone.localdate() + dt.timedelta(days=14)})


class OverdueForm(forms.Form):
    """What happens to proposals whose date for answers has passed (one choice per round)."""

    choice = forms.ChoiceField(
        label=_("What happens to the proposals that were not answered in time?"),
        choices=OverdueChoice.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose what happens to the proposals."),
            "invalid_choice": _("Please choose what happens to the proposals."),
        },
    )
    new_date = forms.DateField(
        label=_("New date for answers"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        help_text=_("Only when you extend the date."),
    )

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        bound_dates(self, programme_round=round)
        if not self.is_bound:
            self.initial.setdefault("new_date", timezone.localdate() + dt.timedelta(days=7))

    def clean(self):
        data = super().clean()
        if data.get("choice") == OverdueChoice.EXTEND and not data.get("new_date"):
            self.add_error("new_date", _("Please give the new date for answers."))
        return data


class SwapForm(forms.Form):
    """Swap the mentors of two draft pairs of the same run (one form per page of the run)."""

    first = ModelChoiceField(
        label=_("First pair"),
        queryset=Proposal.objects.none(),
        error_messages={
            "required": _("Please choose the two pairs to swap."),
            "invalid_choice": _("Please choose another pair of this run."),
        },
    )
    second = ModelChoiceField(
        label=_("Second pair"),
        queryset=Proposal.objects.none(),
        error_messages={
            "required": _("Please choose the two pairs to swap."),
            "invalid_choice": _("Please choose another pair of this run."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        error_messages={"required": _("Please give a reason; it is kept in the log.")},
    )

    def __init__(self, *args, run=None, shown=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.drafts = Proposal.objects.filter(run=run, status=ProposalStatus.DRAFT).select_related(
            "application__person", "mentor_profile__person"
        )
        for name in ("first", "second"):
            self.fields[name].queryset = self.drafts
            self.fields[name].label_from_instance = _pair_label
        if shown is not None:
            self.show_only(shown)

    def show_only(self, proposal_pks) -> None:
        """Offer only these pairs (the page's): a run of 2,000 pairs would put 2,000
        options in each select. Call it after validation: any draft of the run is valid."""
        for name in ("first", "second"):
            self.fields[name].queryset = self.drafts.filter(pk__in=list(proposal_pks))

    def offer(self, first, others) -> None:
        """The swap page's form: the first pair chosen before (a hidden field), the second
        one among the pairs of the page shown (radio buttons). Any draft stays valid."""
        self.fields["first"].widget = forms.HiddenInput()
        self.fields["first"].queryset = self.drafts.filter(pk=first.pk)
        self.initial.setdefault("first", first.pk)
        second = self.fields["second"]
        second.widget = forms.RadioSelect()
        second.empty_label = None
        second.queryset = self.drafts.filter(pk__in=[p.pk for p in others]).order_by("-score", "pk")
        second.label = _("Swap with")

    def clean(self):
        data = super().clean()
        if data.get("first") and data.get("first") == data.get("second"):
            self.add_error("second", _("Please choose another pair to swap with."))
        return data


def _pair_label(proposal) -> str:
    return _("%(mentee)s (now with %(mentor)s)") % {
        "mentee": proposal.mentee.get_full_name(),
        "mentor": proposal.mentor.get_full_name(),
    }
