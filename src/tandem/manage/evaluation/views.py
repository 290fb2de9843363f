"""Evaluation pages for the round's coordinators and trainers: interviews with their
notes, the closing feedback session, the round report (page, PDF, XLSX).

Interview notes are read here and nowhere else (staff only, DESIGN.md §2). The report's
figures come from one function (tandem.evaluation.report.round_report).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from tandem.audit.services import log_action
from tandem.core.access import RoundScopeMixin
from tandem.core.forms import add_service_errors, parse_id
from tandem.core.meeting_links import suggested_link
from tandem.evaluation import interview_slots, selectors, services
from tandem.evaluation.calendar import feedback_ics, interview_ics
from tandem.evaluation.enums import InterviewStatus
from tandem.evaluation.report import round_report
from tandem.manage.training.views import calendar_response

from .exports import report_pdf, report_xlsx
from .forms import (
    FeedbackSessionForm,
    InterviewForm,
    InterviewNotesForm,
    InterviewSlotForm,
    LessonsForm,
    SummaryForm,
)
from .report_charts import report_charts

WHEN_FIELDS = ("starts_at", "duration_minutes", "online_url", "place")


class EvaluationMixin(RoundScopeMixin):
    permission = "evaluation.run_evaluation"

    def base_context(self, **extra):
        return {
            "organisation": self.organisation,
            "programme": self.programme,
            "round": self.round,
            **extra,
        }

    def interview_or_404(self, pk):
        found = selectors.interview_of_round(self.round, pk)
        if found is None:
            raise Http404
        return found

    def feedback_or_404(self):
        session = selectors.feedback_session_of(self.round)
        if session is None:
            raise Http404
        return session

    def back(self, name="evaluation", **kwargs):
        return redirect(f"manage:{name}", **self.round.url_kwargs, **kwargs)


class OverviewView(EvaluationMixin, View):
    def get(self, request, **kwargs):
        return render(
            request,
            "manage/evaluation/overview.html",
            self.base_context(
                rows=selectors.interview_rows(self.round),
                session=selectors.feedback_session_of(self.round),
                counts=selectors.interview_counts(self.round),
                may_see_report=request.user.has_perm("evaluation.view_report", self.round),
            ),
        )


class InterviewCreateView(EvaluationMixin, View):
    def get(self, request, **kwargs):
        initial = {"online_url": suggested_link(), "interviewer": request.user.pk}
        person = parse_id(request.GET.get("person", ""))
        if person is not None:
            initial["person"] = person
        return self.render(request, InterviewForm(round=self.round, new=True, initial=initial))

    def post(self, request, **kwargs):
        form = InterviewForm(request.POST, round=self.round, new=True)
        if form.is_valid():
            try:
                interview = services.schedule_interview(
                    round=self.round, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The interview is planned; %(name)s has been told by e-mail.")
                    % {"name": interview.person.get_full_name()},
                )
                return self.back("evaluation_interview", interview=interview.pk)
        return self.render(request, form, status=400)

    def render(self, request, form, status=200, interview=None):
        return render(
            request,
            "manage/evaluation/interview_form.html",
            self.base_context(form=form, interview=interview),
            status=status,
        )


class InterviewEditView(InterviewCreateView):
    def get(self, request, interview, **kwargs):
        found = self.interview_or_404(interview)
        initial = {name: getattr(found, name) for name in WHEN_FIELDS}
        initial["interviewer"] = found.interviewer_id
        form = InterviewForm(round=self.round, new=False, initial=initial)
        return self.render(request, form, interview=found)

    def post(self, request, interview, **kwargs):
        found = self.interview_or_404(interview)
        form = InterviewForm(request.POST, round=self.round, new=False)
        if form.is_valid():
            try:
                services.update_interview(interview=found, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The interview is saved."))
                return self.back("evaluation_interview", interview=found.pk)
        return self.render(request, form, status=400, interview=found)


class InterviewSlotsView(EvaluationMixin, View):
    """The round's interview slots: publish one, see who booked which, remove a free one."""

    def get(self, request, **kwargs):
        initial = {"online_url": suggested_link(), "interviewer": request.user.pk}
        return self.render(request, InterviewSlotForm(round=self.round, initial=initial))

    def post(self, request, **kwargs):
        form = InterviewSlotForm(request.POST, round=self.round)
        if form.is_valid():
            try:
                interview_slots.publish_interview_slot(
                    round=self.round, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The slot is published; participants can book it."))
                return self.back("evaluation_slots")
        return self.render(request, form, status=400)

    def render(self, request, form, status=200):
        slots = self.round.interview_slots.select_related(
            "interviewer", "interview__person"
        ).order_by("starts_at", "pk")
        return render(
            request,
            "manage/evaluation/slots.html",
            self.base_context(form=form, slots=slots),
            status=status,
        )


class InterviewSlotRemoveView(EvaluationMixin, View):
    def post(self, request, slot, **kwargs):
        found = self.round.interview_slots.filter(pk=slot).first()
        if found is None:
            raise Http404
        try:
            interview_slots.remove_interview_slot(slot=found, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The slot is removed."))
        return self.back("evaluation_slots")


class InterviewView(EvaluationMixin, View):
    """One interview for the staff: date, status and the notes along the guide."""

    def get(self, request, interview, **kwargs):
        found = self.interview_or_404(interview)
        initial = {row["item"].key: row["text"] for row in selectors.notes_of(found)}
        return self.render(request, found, InterviewNotesForm(initial=initial))

    def post(self, request, interview, **kwargs):
        found = self.interview_or_404(interview)
        form = InterviewNotesForm(request.POST)
        if form.is_valid():
            try:
                services.save_interview_notes(
                    interview=found, by=request.user, notes=form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The notes are saved."))
                return self.back("evaluation_interview", interview=found.pk)
        return self.render(request, found, form, status=400)

    def render(self, request, interview, form, status=200):
        # Who read the notes on whose interview is part of the audit log (DESIGN.md §7).
        log_action(
            request.user, "evaluation.interview_viewed", interview, programme_round=self.round
        )
        return render(
            request,
            "manage/evaluation/interview.html",
            self.base_context(
                interview=interview,
                form=form,
                begun=interview.starts_at <= timezone.now(),
                statuses=InterviewStatus,
            ),
            status=status,
        )


class InterviewStatusView(EvaluationMixin, View):
    def post(self, request, interview, **kwargs):
        found = self.interview_or_404(interview)
        try:
            services.set_interview_status(
                interview=found, by=request.user, status=request.POST.get("status", "")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The interview's status is saved."))
        return self.back("evaluation_interview", interview=found.pk)


class InterviewCalendarView(EvaluationMixin, View):
    def get(self, request, interview, **kwargs):
        found = self.interview_or_404(interview)
        return calendar_response(
            interview_ics(found, for_staff=True), f"interview-{found.starts_at:%Y-%m-%d}.ics"
        )


# --- the feedback session ----------------------------------------------------------------


class FeedbackView(EvaluationMixin, View):
    def get(self, request, **kwargs):
        session = selectors.feedback_session_of(self.round)
        if session is None:
            initial = {"online_url": suggested_link(), "moderator": request.user.pk}
        else:
            initial = {
                **{name: getattr(session, name) for name in WHEN_FIELDS},
                "description": session.description,
                "moderator": session.moderator_id,
            }
        return self.render(request, session, FeedbackSessionForm(round=self.round, initial=initial))

    def post(self, request, **kwargs):
        session = selectors.feedback_session_of(self.round)
        form = FeedbackSessionForm(request.POST, round=self.round)
        if form.is_valid():
            try:
                services.save_feedback_session(
                    round=self.round, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The feedback session is saved."))
                return self.back("evaluation_feedback")
        return self.render(request, session, form, status=400)

    def render(self, request, session, form, status=200, summary_form=None):
        context = self.base_context(session=session, form=form)
        if session is not None:
            context.update(
                invitations=list(session.invitations.all()),
                invitable=services.invitable_people(session).count(),
                begun=session.starts_at <= timezone.now(),
                may_write_summary=services.may_write_summary(session, request.user),
                summary_form=summary_form or SummaryForm(initial={"summary": session.summary}),
            )
        return render(request, "manage/evaluation/feedback.html", context, status=status)


class FeedbackInviteView(EvaluationMixin, View):
    def post(self, request, **kwargs):
        session = self.feedback_or_404()
        try:
            count = services.invite_to_feedback(session=session, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if count:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s person was invited by e-mail.",
                        "%(n)s people were invited by e-mail.",
                        count,
                    )
                    % {"n": count},
                )
            else:
                messages.info(request, _("Everyone is invited already."))
        return self.back("evaluation_feedback")


class FeedbackAttendanceView(EvaluationMixin, View):
    def post(self, request, **kwargs):
        session = self.feedback_or_404()
        attended = {
            pk for value in request.POST.getlist("attended") if (pk := parse_id(value)) is not None
        }
        try:
            count = services.record_feedback_attendance(
                session=session, by=request.user, attended=attended
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance saved: %(n)s person attended.",
                    "Attendance saved: %(n)s people attended.",
                    count,
                )
                % {"n": count},
            )
        return self.back("evaluation_feedback")


class FeedbackSummaryView(FeedbackView):
    def get(self, request, **kwargs):
        self.feedback_or_404()
        return self.back("evaluation_feedback")

    def post(self, request, **kwargs):
        session = self.feedback_or_404()
        if not services.may_write_summary(session, request.user):
            raise Http404
        form = SummaryForm(request.POST)
        if form.is_valid():
            try:
                services.save_feedback_summary(
                    session=session, by=request.user, text=form.cleaned_data["summary"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The summary is saved."))
                return self.back("evaluation_feedback")
        session_form = FeedbackSessionForm(
            round=self.round,
            initial={name: getattr(session, name) for name in WHEN_FIELDS},
        )
        return self.render(request, session, session_form, status=400, summary_form=form)


class FeedbackCancelView(EvaluationMixin, View):
    def post(self, request, **kwargs):
        session = self.feedback_or_404()
        try:
            services.cancel_feedback_session(session=session, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The feedback session is cancelled; those invited have been told.")
            )
        return self.back("evaluation_feedback")


class FeedbackCalendarView(EvaluationMixin, View):
    def get(self, request, **kwargs):
        session = self.feedback_or_404()
        return calendar_response(
            feedback_ics(session, for_staff=True),
            f"feedback-session-{session.starts_at:%Y-%m-%d}.ics",
        )


# --- the round report ----------------------------------------------------------------------


class ReportMixin(EvaluationMixin):
    permission = "evaluation.view_report"

    def filename(self, extension: str) -> str:
        return f"{slugify(self.programme.name)}-{slugify(self.round.name)}-report.{extension}"


class ReportView(ReportMixin, View):
    def get(self, request, **kwargs):
        return self.render(request)

    def post(self, request, **kwargs):
        if not request.user.has_perm("evaluation.write_lessons", self.round):
            return HttpResponse(status=405)
        form = LessonsForm(request.POST)
        if form.is_valid():
            try:
                services.save_lessons_learned(
                    programme_round=self.round,
                    by=request.user,
                    text=form.cleaned_data["lessons_learned"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The lessons learned are saved."))
                return self.back("round_report")
        return self.render(request, form, status=400)

    def render(self, request, form=None, status=200):
        report = round_report(self.round, request.user)
        charts = report_charts(report)
        may_write = request.user.has_perm("evaluation.write_lessons", self.round)
        if may_write and form is None:
            form = LessonsForm(initial={"lessons_learned": report.lessons_learned})
        return render(
            request,
            "manage/evaluation/report.html",
            self.base_context(
                report=report,
                charts=charts,
                surveys=[
                    (survey, charts.get(f"survey_{survey.survey_id}"))
                    for survey in report.survey_results
                ],
                lessons_form=form if may_write else None,
            ),
            status=status,
        )


class ReportPdfView(ReportMixin, View):
    def get(self, request, **kwargs):
        response = HttpResponse(
            report_pdf(round_report(self.round, request.user)), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename("pdf")}"'
        return response


class ReportXlsxView(ReportMixin, View):
    def get(self, request, **kwargs):
        response = HttpResponse(
            report_xlsx(round_report(self.round, request.user)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename("xlsx")}"'
        return response
