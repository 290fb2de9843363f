import datetime as dt

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import bound_dates
from tandem.programmes.enums import PhaseKind, RoleKind
from tandem.programmes.models import (
    NEW_MATCH_WITHIN_PERCENT,
    PROPOSAL_REMINDER_DAYS,
    PROPOSAL_REMINDER_DAYS_MAX,
)
from tandem.programmes.services import RoundSettings, default_phase_dates
from tandem.tandems.limits import MEETING_MINUTES_MAX, MEETING_MINUTES_MIN


def single_line(value: str) -> None:
    # A line break in a name would end up in mail headers and texts.
    if any(ord(char) < 32 for char in value):
        raise ValidationError(_("Please write the name on one line."))


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=200)


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name of the programme"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    topics = forms.ChoiceField(
        label=_("Topics of the new programme"),
        widget=forms.RadioSelect,
        initial="default",
        help_text=_("You can add, rename and remove topics afterwards on the programme's page."),
    )

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.programmes = {str(programme.pk): programme for programme in programmes}
        self.fields["topics"].choices = [
            ("default", _("The default taxonomy: Open Access and bibliometrics (18 topics)")),
            ("none", _("No topics: I add my own")),
        ] + [
            (
                f"copy-{pk}",
                _("A copy of the topics of “%(name)s” (%(n)s topics)")
                % {"name": programme.name, "n": getattr(programme, "topic_count", "?")},
            )
            for pk, programme in self.programmes.items()
        ]

    def topic_choice(self) -> dict:
        """The create_programme arguments for the chosen topics."""
        choice = self.cleaned_data["topics"]
        if choice.startswith("copy-"):
            return {"topics_from": self.programmes[choice.removeprefix("copy-")]}
        return {"default_taxonomy": choice == "default"}


class TopicForm(forms.Form):
    key = forms.SlugField(
        label=_("Key"),
        max_length=60,
        help_text=_("Short identifier in lower case, e.g. publication_monitoring."),
    )
    label_de = forms.CharField(label=_("Label (German)"), max_length=200)
    label_en = forms.CharField(label=_("Label (English)"), max_length=200)


class RoundForm(forms.Form):
    """Name, rules and the dates of every phase of a round."""

    name = forms.CharField(label=_("Name of the round"), max_length=200)
    cross_institution_required = forms.BooleanField(
        label=_("Mentor and mentee must work at different institutions"),
        required=False,
        initial=True,
    )
    mentor_capacity = forms.IntegerField(
        label=_("Mentees per mentor"), min_value=1, max_value=10, initial=1
    )
    meeting_rhythm_weeks = forms.IntegerField(
        label=_("Meeting rhythm (weeks)"), min_value=1, max_value=26, initial=4
    )
    meeting_max_minutes = forms.IntegerField(
        label=_("Meeting length (minutes, at most)"),
        min_value=MEETING_MINUTES_MIN,
        max_value=MEETING_MINUTES_MAX,
        initial=120,
    )
    tandem_months = forms.IntegerField(
        label=_("Length of the tandem phase (months)"), min_value=1, max_value=24, initial=6
    )
    proposal_reminder_days = forms.IntegerField(
        label=_("First reminder of an unanswered proposal (days before the date for answers)"),
        help_text=_("A second reminder goes on the day itself; 0: only then."),
        min_value=0,
        max_value=PROPOSAL_REMINDER_DAYS_MAX,
        initial=PROPOSAL_REMINDER_DAYS,
    )
    new_match_within_percent = forms.IntegerField(
        label=_("New match after an early end within the first … % of the tandem phase"),
        help_text=_("The person who remains may be offered a new partner; 0: never."),
        min_value=0,
        max_value=100,
        initial=NEW_MATCH_WITHIN_PERCENT,
    )
    is_public = forms.BooleanField(
        label=_("Publish the call and the mentor gallery"), required=False
    )

    def __init__(self, *args, phase_dates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if phase_dates is None:
            phase_dates = default_phase_dates(dt.date.today() + dt.timedelta(days=210))
        for kind in PhaseKind:
            start, end = phase_dates.get(kind, (None, None))
            self.fields[f"{kind}_start"] = forms.DateField(
                label=_("%(phase)s: start") % {"phase": kind.label},
                initial=start,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
            self.fields[f"{kind}_end"] = forms.DateField(
                label=_("%(phase)s: end") % {"phase": kind.label},
                initial=end,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
        # A round's own dates have no round to lean on: today ± 5 years.
        bound_dates(self)

    def phase_rows(self):
        return [(kind, self[f"{kind}_start"], self[f"{kind}_end"]) for kind in PhaseKind]

    def rule_fields(self):
        names = [
            "cross_institution_required",
            "mentor_capacity",
            "meeting_rhythm_weeks",
            "meeting_max_minutes",
            "tandem_months",
            "proposal_reminder_days",
            "new_match_within_percent",
            "is_public",
        ]
        return [self[name] for name in names]

    def clean(self):
        data = super().clean()
        for kind in PhaseKind:
            start, end = data.get(f"{kind}_start"), data.get(f"{kind}_end")
            if start and end and end < start:
                self.add_error(f"{kind}_end", _("The phase cannot end before it starts."))
        return data

    def round_settings(self) -> RoundSettings:
        data = self.cleaned_data
        return RoundSettings(
            name=data["name"],
            cross_institution_required=data["cross_institution_required"],
            mentor_capacity=data["mentor_capacity"],
            meeting_rhythm_weeks=data["meeting_rhythm_weeks"],
            meeting_max_minutes=data["meeting_max_minutes"],
            tandem_months=data["tandem_months"],
            proposal_reminder_days=data["proposal_reminder_days"],
            new_match_within_percent=data["new_match_within_percent"],
            is_public=data["is_public"],
        )

    def phase_dates(self) -> dict:
        data = self.cleaned_data
        return {kind: (data[f"{kind}_start"], data[f"{kind}_end"]) for kind in PhaseKind}


class RoleInvitationForm(forms.Form):
    """Whom to invite to which role. No account is looked up here (see invitations.py)."""

    name = forms.CharField(label=_("Name of the person"), max_length=200, validators=[single_line])
    email = forms.EmailField(label=_("E-mail address of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=RoleKind.choices)
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=settings.LANGUAGES, initial="de"
    )


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Current phase"), choices=PhaseKind.choices)
    confirm_jump = forms.BooleanField(
        label=_("Yes, move the round over several phases at once"), required=False
    )

    def __init__(self, *args, current: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current

    def clean(self):
        data = super().clean()
        phase, order = data.get("phase"), PhaseKind.ordered()
        if phase and self.current and not data.get("confirm_jump"):
            steps = abs(order.index(PhaseKind(phase)) - order.index(PhaseKind(self.current)))
            if steps > 1:
                # A jump skips phases with their own pages and e-mails: ask first.
                self.add_error(
                    "confirm_jump",
                    _(
                        "This moves the round over %(n)s phases, from “%(from)s” to “%(to)s”. "
                        "Please confirm."
                    )
                    % {
                        "n": steps,
                        "from": PhaseKind(self.current).label,
                        "to": PhaseKind(phase).label,
                    },
                )
        return data
