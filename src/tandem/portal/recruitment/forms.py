from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tandem.privacy import visibility
from tandem.recruitment.enums import ExpertiseLevel, Language, Weekday
from tandem.recruitment.validators import (
    validate_pdf,
    validate_photo_size,
    validate_slides_size,
)

LEVEL_CHOICES = [("", _("not my topic"))] + [(str(v), label) for v, label in ExpertiseLevel.choices]


class MentorProfileForm(forms.Form):
    presentation = forms.CharField(
        label=_("Self-presentation"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who you are and what a mentee can learn from you; shown in the gallery."),
    )
    experience = forms.CharField(
        label=_("Experience"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Projects, services and tools you have worked on."),
    )
    capacity = forms.IntegerField(label=_("Mentees at most"), min_value=1, max_value=10)
    languages = forms.MultipleChoiceField(
        label=_("Languages for the tandem"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    weekdays = forms.MultipleChoiceField(
        label=_("Preferred weekdays"),
        choices=Weekday.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.CharField(
        label=_("Preferred times"),
        max_length=300,
        required=False,
        help_text=_("e.g. mornings, not in the first week of the month"),
    )
    photo = forms.ImageField(
        label=_("Photo (optional)"),
        required=False,
        validators=[validate_photo_size],
        help_text=_("JPEG or PNG, at most 3 MB."),
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)
    slides = forms.FileField(
        label=_("Slides for the info event (PDF, optional)"),
        required=False,
        validators=[validate_slides_size, validate_pdf],
        help_text=_("PDF, at most 10 MB."),
    )
    remove_slides = forms.BooleanField(label=_("Remove the slides"), required=False)
    video_url = forms.URLField(
        label=_("Video link (optional)"),
        required=False,
        assume_scheme="https",
        help_text=_("A short video in which you introduce yourself."),
    )
    publish_in_gallery = forms.BooleanField(
        label=_("Show my profile in the mentor gallery"),
        required=False,
    )

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        # What others see, in words from the one declaration the pages follow.
        self.fields["publish_in_gallery"].help_text = gettext(
            "Your %(gallery)s appear in the round's gallery; if the round is public, anyone "
            "can read them. When a tandem is proposed, the mentee sees your %(proposal)s."
        ) % {
            "gallery": visibility.labels("gallery"),
            "proposal": visibility.labels("mentee_sees_mentor"),
        }
        self.topics = list(topics)
        for topic in self.topics:
            self.fields[f"topic_{topic.pk}"] = forms.TypedChoiceField(
                label=topic.label,
                choices=LEVEL_CHOICES,
                required=False,
                coerce=int,
                empty_value=None,
            )

    def topic_fields(self):
        return [self[f"topic_{topic.pk}"] for topic in self.topics]

    def levels(self) -> dict:
        return {topic: self.cleaned_data.get(f"topic_{topic.pk}") for topic in self.topics}


class LetterLanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the letter"), choices=Language.choices)
