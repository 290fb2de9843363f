from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.applications.enums import Language
from tandem.applications.models import MAX_PREFERRED_MENTORS, MAX_TOPICS
from tandem.applications.services import ApplicationData
from tandem.core.forms import ModelChoiceField

ORDINALS = {1: _("1st choice"), 2: _("2nd choice"), 3: _("3rd choice")}


class PersonChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name or obj.email


class ApplicationForm(forms.Form):
    """The mentee's application. Drafts may be incomplete; submitting needs the core fields.

    Ranked choices are separate selects (1st/2nd/3rd) so the form works without JS.
    """

    expectations = forms.CharField(
        label=_("What do you expect from the mentoring?"),
        help_text=_(
            "Which questions would you like to discuss with a mentor? What would you "
            "like to have achieved after half a year?"
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
    )
    upcoming_projects = forms.CharField(
        label=_("Upcoming projects"),
        help_text=_("Projects or new tasks at your institution the mentoring could help with."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    position = forms.CharField(label=_("Your position"), max_length=200, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages you can hold the mentoring in"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    availability = forms.CharField(
        label=_("Availability"),
        help_text=_("e.g. “Tuesday and Thursday mornings; not in August”"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
    )
    how_heard = forms.CharField(
        label=_("How did you hear of the programme?"), max_length=500, required=False
    )
    supervisor_informed = forms.TypedChoiceField(
        label=_("Does your supervisor know that you are applying?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )
    consent = forms.BooleanField(
        label=_("I agree that my data are processed as described in the privacy notice above."),
        required=False,
    )

    def __init__(self, *args, round, mentors, consent_given=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_given = consent_given
        topics = round.programme.topics.all()
        for rank in range(1, MAX_TOPICS + 1):
            self.fields[f"topic_{rank}"] = ModelChoiceField(
                label=_("Focus topic – %(choice)s") % {"choice": ORDINALS[rank]},
                queryset=topics,
                required=False,
                empty_label=_("(none)"),
            )
        ids = [person.pk for person in mentors]
        if ids:
            from django.contrib.auth import get_user_model

            queryset = get_user_model().objects.filter(pk__in=ids).order_by("name", "email")
            for rank in range(1, MAX_PREFERRED_MENTORS + 1):
                self.fields[f"mentor_{rank}"] = PersonChoiceField(
                    label=_("Preferred mentor – %(choice)s") % {"choice": ORDINALS[rank]},
                    queryset=queryset,
                    required=False,
                    empty_label=_("(no preference)"),
                )
        if consent_given:
            self.fields["consent"].initial = True
            self.fields["consent"].disabled = True

    def topic_fields(self):
        return [self[f"topic_{rank}"] for rank in range(1, MAX_TOPICS + 1)]

    def mentor_fields(self):
        return [self[name] for name in self.fields if name.startswith("mentor_")]

    def _ranked(self, prefix: str, message) -> list:
        chosen = []
        for name in [n for n in self.fields if n.startswith(prefix)]:
            value = self.cleaned_data.get(name)
            if value is None:
                continue
            if value in chosen:
                self.add_error(name, message)
            else:
                chosen.append(value)
        return chosen

    def clean(self):
        data = super().clean()
        data["topics"] = self._ranked("topic_", _("You have chosen this topic already."))
        data["mentors"] = self._ranked("mentor_", _("You have chosen this person already."))
        # What a submitted application needs is the service's rule (missing_for_submission):
        # its messages come back on the fields through the view.
        return data

    def application_data(self) -> ApplicationData:
        data = self.cleaned_data
        return ApplicationData(
            expectations=data["expectations"],
            upcoming_projects=data["upcoming_projects"],
            position=data["position"],
            languages=list(data["languages"]),
            availability=data["availability"],
            how_heard=data["how_heard"],
            supervisor_informed=data["supervisor_informed"],
            topics=data["topics"],
            mentors=data["mentors"],
            consent=bool(data.get("consent")) or self.consent_given,
        )


def initial_from(application, person) -> dict:
    if application is None:
        return {"position": person.position}
    initial = {
        "expectations": application.expectations,
        "upcoming_projects": application.upcoming_projects,
        "position": application.position,
        "languages": application.languages,
        "availability": application.availability,
        "how_heard": application.how_heard,
        "supervisor_informed": {True: "yes", False: "no"}.get(application.supervisor_informed),
        "consent": application.consent_at is not None,
    }
    for choice in application.topic_choices.all():
        initial[f"topic_{choice.rank}"] = choice.topic_id
    for choice in application.mentor_choices.all():
        initial[f"mentor_{choice.rank}"] = choice.mentor_id
    return initial
