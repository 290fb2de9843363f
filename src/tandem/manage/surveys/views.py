"""Survey pages for the round's coordinators and trainers.

They build a survey from a template, edit its questions while a draft, open, remind and
close it, and read its results. What they see of answers: how many answered (never who)
and, once closed, the aggregates of tandem.surveys.results — the same ones the PDF and
the XLSX hold.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views import View

from tandem.core.access import RoundScopeMixin
from tandem.core.forms import add_service_errors, parse_id
from tandem.surveys import catalogue, exports, selectors, services
from tandem.surveys.enums import ItemKind, SurveyState
from tandem.surveys.results import survey_results

from .forms import ItemForm, NewItemForm, OpenForm, SurveyForm, choice_lines, reminder_days_text


class SurveyMixin(RoundScopeMixin):
    permission = "surveys.manage_surveys"

    def base_context(self, **extra):
        return {
            "organisation": self.organisation,
            "programme": self.programme,
            "round": self.round,
            **extra,
        }

    def survey_or_404(self, pk):
        survey = selectors.survey_of_round(self.round, pk) if parse_id(pk) else None
        if survey is None:
            raise Http404
        return survey

    def item_or_404(self, survey, pk):
        item = survey.items.filter(pk=pk).first() if parse_id(pk) else None
        if item is None:
            raise Http404
        return item

    def back(self, survey):
        return redirect("manage:survey", survey=survey.pk, **self.round.url_kwargs)


def _templates():
    return [(key, catalogue.TEMPLATE_LABELS.get(key, key)) for key in catalogue.templates()]


class SurveyListView(SurveyMixin, View):
    def get(self, request, **kwargs):
        return render(
            request,
            "manage/surveys/list.html",
            self.base_context(
                surveys=selectors.surveys_of_round(self.round), templates=_templates()
            ),
        )


class SurveyCreateView(SurveyMixin, View):
    def post(self, request, **kwargs):
        try:
            survey = services.create_survey(
                round=self.round, template_key=request.POST.get("template", ""), by=request.user
            )
        except ValidationError as error:
            return render(
                request,
                "manage/surveys/list.html",
                self.base_context(
                    surveys=selectors.surveys_of_round(self.round),
                    templates=_templates(),
                    template_error=" ".join(error.messages),
                ),
                status=400,
            )
        messages.success(request, _("The survey is a draft. Check its questions, then open it."))
        return self.back(survey)


class SurveyView(SurveyMixin, View):
    def get(self, request, survey, **kwargs):
        return self.render(request, self.survey_or_404(survey))

    def post(self, request, survey, **kwargs):
        survey = self.survey_or_404(survey)
        form = SurveyForm(request.POST, round=self.round)
        if form.is_valid():
            try:
                services.update_survey(survey=survey, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The survey is saved."))
                return self.back(survey)
        return self.render(request, survey, form=form, status=400)

    def render(
        self,
        request,
        survey,
        form=None,
        item_forms=None,
        new_item_form=None,
        open_form=None,
        status=200,
    ):
        items = list(survey.items.all())
        item_forms = item_forms or {}
        for item in items:
            item.form = item_forms.get(item.pk) or ItemForm(
                initial={
                    "text_de": item.text_de,
                    "text_en": item.text_en,
                    "source": item.source,
                    "choices_text": choice_lines(item),
                },
                prefix=f"item{item.pk}",
            )
            item.has_choices = item.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE)
        return render(
            request,
            "manage/surveys/survey.html",
            self.base_context(
                survey=survey,
                items=items,
                form=form
                or SurveyForm(
                    initial={
                        "title_de": survey.title_de,
                        "title_en": survey.title_en,
                        "intro_de": survey.intro_de,
                        "intro_en": survey.intro_en,
                        "k": survey.k,
                        "closes_on": survey.closes_on,
                        "reminder_days": reminder_days_text(survey),
                    },
                    round=self.round,
                ),
                open_form=open_form
                or OpenForm(
                    initial={"closes_on": survey.closes_on}, round=self.round, prefix="open"
                ),
                reminder_days_text=reminder_days_text(survey),
                new_item_form=new_item_form or NewItemForm(prefix="new"),
                is_draft=survey.state == SurveyState.DRAFT,
                k_frozen=survey.responses.exists(),
                language=get_language(),
            ),
            status=status,
        )


class ItemEditView(SurveyView):
    def get(self, request, survey, item, **kwargs):
        return self.back(self.survey_or_404(survey))

    def post(self, request, survey, item, **kwargs):
        survey = self.survey_or_404(survey)
        found = self.item_or_404(survey, item)
        form = ItemForm(request.POST, prefix=f"item{found.pk}")
        if form.is_valid():
            try:
                services.update_item(item=found, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The question is saved."))
                return self.back(survey)
        return self.render(request, survey, item_forms={found.pk: form}, status=400)


class ItemAddView(SurveyView):
    def get(self, request, survey, **kwargs):
        return self.back(self.survey_or_404(survey))

    def post(self, request, survey, **kwargs):
        survey = self.survey_or_404(survey)
        form = NewItemForm(request.POST, prefix="new")
        if form.is_valid():
            try:
                services.add_item(survey=survey, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The question is added."))
                return self.back(survey)
        return self.render(request, survey, new_item_form=form, status=400)


class _Action(SurveyMixin, View):
    def post(self, request, survey, **kwargs):
        survey = self.survey_or_404(survey)
        try:
            self.act(request, survey, **kwargs)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return self.back(survey)


class ItemRemoveView(_Action):
    def act(self, request, survey, item, **kwargs):
        services.remove_item(item=self.item_or_404(survey, item), by=request.user)
        messages.success(request, _("The question is removed."))


class SurveyOpenView(SurveyView):
    """Open with an optional closing date; a date refused shows next to its field."""

    http_method_names = ["post"]

    def post(self, request, survey, **kwargs):
        survey = self.survey_or_404(survey)
        form = OpenForm(request.POST, round=self.round, prefix="open")
        if form.is_valid():
            try:
                count = services.open_survey(
                    survey=survey, by=request.user, closes_on=form.cleaned_data["closes_on"]
                )
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    messages.error(request, " ".join(error.messages))
                    return self.back(survey)
                add_service_errors(form, error)
            else:
                self.tell_opened(request, count)
                return self.back(survey)
        return self.render(request, survey, open_form=form, status=400)

    def tell_opened(self, request, count):
        messages.success(
            request,
            ngettext(
                "The survey is open; %(n)s person was invited by e-mail.",
                "The survey is open; %(n)s people were invited by e-mail.",
                count,
            )
            % {"n": count},
        )


class SurveyRemindView(_Action):
    def act(self, request, survey, **kwargs):
        count = services.send_reminders(survey=survey, by=request.user)
        messages.success(
            request,
            ngettext(
                "A reminder went to %(n)s person asked (to all, so that nobody can tell who "
                "has answered).",
                "A reminder went to the %(n)s people asked (to all, so that nobody can tell "
                "who has answered).",
                count,
            )
            % {"n": count},
        )


class SurveyCloseView(_Action):
    def act(self, request, survey, **kwargs):
        services.close_survey(survey=survey, by=request.user)
        messages.success(request, _("The survey is closed; its results are published."))


class ResultsView(SurveyMixin, View):
    def get(self, request, survey, **kwargs):
        survey = self.survey_or_404(survey)
        return render(
            request,
            "manage/surveys/results.html",
            self.base_context(survey=survey, results=survey_results(survey)),
        )


class _Download(SurveyMixin, View):
    def get(self, request, survey, **kwargs):
        survey = self.survey_or_404(survey)
        if survey.state != SurveyState.CLOSED:
            raise Http404  # results exist once the survey is closed
        results = survey_results(survey)
        response = HttpResponse(self.build(results), content_type=self.content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="survey-{survey.pk}-results.{self.suffix}"'
        )
        return response


class ResultsPdfView(_Download):
    content_type = "application/pdf"
    suffix = "pdf"

    def build(self, results):
        return exports.results_pdf(results, language=get_language())


class ResultsXlsxView(_Download):
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    suffix = "xlsx"

    def build(self, results):
        return exports.results_xlsx(results)
