from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tandem.applications import imports
from tandem.applications.enums import COORDINATOR_TARGETS, ApplicationState
from tandem.applications.imports import FIELDS
from tandem.core.forms import ModelChoiceField, ModelMultipleChoiceField
from tandem.programmes.enums import InstitutionType

SORT_CHOICES = [
    ("name", _("Name")),
    ("-submitted", _("Newest first")),
    ("submitted", _("Oldest first")),
    ("state", _("State")),
    ("institution_type", _("Type of institution")),
]


class FilterForm(forms.Form):
    """The list's GET form: search, filters and sorting, all without JavaScript."""

    q = forms.CharField(label=_("Search (name, e-mail, text)"), required=False, max_length=200)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("(all)"))] + ApplicationState.choices,
    )
    topic = ModelChoiceField(
        label=_("Topic"), queryset=None, required=False, empty_label=_("(all)"), to_field_name="key"
    )
    institution_type = forms.ChoiceField(
        label=_("Type of institution"),
        required=False,
        choices=[("", _("(all)"))] + InstitutionType.choices,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=SORT_CHOICES
        + [
            ("-name", _("Name (Z–A)")),
            ("-state", _("State (reverse)")),
            ("-institution_type", _("Type of institution (reverse)")),
        ],
    )

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = round.programme.topics.all()


class StateForm(forms.Form):
    state = forms.ChoiceField(
        label=_("New state"),
        choices=[("", _("(choose)"))] + [(s.value, s.label) for s in COORDINATOR_TARGETS],
    )


class FavouredForm(forms.Form):
    favoured = forms.BooleanField(
        label=_("Favour this applicant in matching"),
        required=False,
        help_text=_(
            "Matching places favoured applicants whenever a fitting mentor can be "
            "kept free for them; among the rest, the fit decides."
        ),
    )


class BulkForm(StateForm):
    applications = ModelMultipleChoiceField(
        label=_("Applications"),
        queryset=None,
        error_messages={"required": _("Please tick at least one application.")},
    )

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = round.applications.select_related("person")


def validate_import_size(file) -> None:
    if file.size > imports.MAX_BYTES:
        raise forms.ValidationError(_("The file is larger than 5 MB. Please split it."))


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or Excel XLSX, at most 5 MB)"),
        help_text=_(
            "The first row must name the columns. CSV files may use ; or , and "
            "UTF-8 or Windows encoding."
        ),
        validators=[validate_import_size],
    )
    source = forms.CharField(
        label=_("Where was consent to data processing collected?"),
        max_length=60,
        help_text=_(
            "e.g. “LimeSurvey form of the info event, 2026”. It is stored with "
            "every imported application."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limits = gettext(
            "At most %(rows)s rows of applications and %(columns)s columns; an "
            "Excel file may unpack to at most %(mb)s MB."
        ) % {
            "rows": number_format(imports.MAX_ROWS, force_grouping=True),
            "columns": imports.MAX_COLUMNS,
            "mb": imports.MAX_UNPACKED_BYTES // (1024 * 1024),
        }
        self.fields["file"].help_text = f"{self.fields['file'].help_text} {limits}"


class MappingForm(forms.Form):
    """One select per field of ours, offering the file's columns."""

    def __init__(self, *args, headers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(not in the file)"))] + [
            (str(index), header or _("Column %(n)s") % {"n": index + 1})
            for index, header in enumerate(headers)
        ]
        for name, label in FIELDS:
            self.fields[name] = forms.ChoiceField(label=label, choices=choices, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("email"):
            self.add_error("email", _("Please choose the column with the e-mail addresses."))
        if not (data.get("name") or data.get("first_name") or data.get("last_name")):
            self.add_error("name", _("Please choose the column with the names."))
        used: dict[str, str] = {}
        for name, _label in FIELDS:
            value = data.get(name)
            if value and value in used:
                self.add_error(name, _("This column is already used for another field."))
            elif value:
                used[value] = name
        return data

    def mapping(self) -> dict[str, int | None]:
        return {name: int(value) if value else None for name, value in self.cleaned_data.items()}
