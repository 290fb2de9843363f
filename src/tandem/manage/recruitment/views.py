"""Coordinator pages of mentor recruitment and the info event (the trainer reads profiles)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from tandem.alumni.hints import recruitment_hints
from tandem.core.access import RoundScopeMixin
from tandem.core.charts import bars
from tandem.core.forms import add_service_errors
from tandem.recruitment import selectors, services
from tandem.recruitment.enums import CandidateStatus

from .forms import (
    CandidateForm,
    CandidateStatusForm,
    InfoEventForm,
    InviteForm,
)


def hints_with_charts(round):
    """What the round it was made from lacked, in words and as charts (or None)."""
    hints = recruitment_hints(round)
    if hints is None:
        return None
    charts = []
    if hints.topics:
        charts.append(
            bars(
                _("Topics short of mentors: applicants in need"),
                _("Applicants of the last round left out or paired with a low fit, per topic."),
                [(label, need) for label, need, _strong in hints.topics],
                value_label=_("Applicants"),
            )
        )
        charts.append(
            bars(
                _("Topics short of mentors: mentors at level 2 or 3"),
                _("Mentors of the last round who offered the topic at level 2 or 3."),
                [(label, strong) for label, _need, strong in hints.topics],
                value_label=_("Mentors"),
            )
        )
    if hints.sizes:
        charts.append(
            bars(
                _("Applicants in need by size of institution"),
                _("Applicants of the last round left out or paired with a low fit, by size."),
                hints.sizes,
                value_label=_("Applicants"),
            )
        )
    return {"hints": hints, "charts": charts}


class RecruitmentMixin(RoundScopeMixin):
    permission = "recruitment.manage_recruitment"

    def base_context(self, **extra):
        return {
            "organisation": self.organisation,
            "programme": self.programme,
            "round": self.round,
            **extra,
        }


class CandidateListView(RecruitmentMixin, View):
    def get(self, request, **kwargs):
        return self.render(request, CandidateForm(round=self.round))

    def post(self, request, **kwargs):
        form = CandidateForm(request.POST, round=self.round)
        if form.is_valid():
            try:
                services.add_candidate(round=self.round, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The candidate was added."))
                return redirect("manage:recruitment_candidates", **self.round.url_kwargs)
        return self.render(request, form, status=400)

    def render(self, request, form, status=200, invite_form=None):
        counts = selectors.candidate_counts(self.round)
        context = self.base_context(
            candidates=selectors.candidates_for_round(self.round),
            form=form,
            invite_form=invite_form,
            counts=[(status, counts.get(status, 0)) for status in CandidateStatus],
            drafts=selectors.invitation_drafts(self.round).count(),
            hints=hints_with_charts(self.round),
        )
        return render(request, "manage/recruitment/candidates.html", context, status=status)


class CandidateMixin(RecruitmentMixin):
    def get_candidate(self, pk):
        candidate = self.round.candidates.filter(pk=pk).first()
        if candidate is None:
            raise Http404
        return candidate


class CandidateEditView(CandidateMixin, View):
    def get(self, request, candidate, **kwargs):
        found = self.get_candidate(candidate)
        form = CandidateForm(initial=_candidate_initial(found), round=self.round)
        return self.render(request, found, form)

    def post(self, request, candidate, **kwargs):
        found = self.get_candidate(candidate)
        form = CandidateForm(request.POST, round=self.round)
        if form.is_valid():
            try:
                services.update_candidate(candidate=found, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The candidate was saved."))
                return redirect("manage:recruitment_candidates", **self.round.url_kwargs)
        return self.render(request, found, form, status=400)

    def render(self, request, candidate, form, status=200, status_form=None):
        context = self.base_context(
            candidate=candidate,
            form=form,
            status_form=status_form or CandidateStatusForm(initial={"status": candidate.status}),
        )
        return render(request, "manage/recruitment/candidate_form.html", context, status=status)


class CandidateStatusView(CandidateMixin, View):
    def post(self, request, candidate, **kwargs):
        found = self.get_candidate(candidate)
        form = CandidateStatusForm(request.POST)
        if form.is_valid():
            try:
                services.set_candidate_status(
                    candidate=found, status=form.cleaned_data["status"], by=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The status of %(name)s is now “%(status)s”.")
                    % {"name": found.name, "status": found.get_status_display()},
                )
                return redirect(
                    "manage:recruitment_candidate_edit", candidate=found.pk, **self.round.url_kwargs
                )
        found.refresh_from_db()
        details = CandidateForm(initial=_candidate_initial(found), round=self.round)
        return CandidateEditView.render(self, request, found, details, status=400, status_form=form)


class CandidateRemoveView(CandidateMixin, View):
    """A confirmation page (works without JavaScript), then the removal."""

    def get(self, request, candidate, **kwargs):
        found = self.get_candidate(candidate)
        context = self.base_context(candidate=found)
        return render(request, "manage/recruitment/candidate_remove.html", context)

    def post(self, request, candidate, **kwargs):
        found = self.get_candidate(candidate)
        name = found.name
        services.remove_candidate(candidate=found, by=request.user)
        messages.success(
            request, _("%(name)s was removed from the candidate list.") % {"name": name}
        )
        return redirect("manage:recruitment_candidates", **self.round.url_kwargs)


def _candidate_initial(candidate) -> dict:
    initial = {
        field: getattr(candidate, field)
        for field in ("name", "email", "institution", "notes", "language")
    }
    initial["topics"] = list(candidate.topics.all())
    return initial


class InviteView(RecruitmentMixin, View):
    def post(self, request, **kwargs):
        form = InviteForm(request.POST, round=self.round)
        if not form.is_valid():
            return CandidateListView.render(
                self, request, CandidateForm(round=self.round), status=400, invite_form=form
            )
        result = services.invite_candidates(
            round=self.round, candidates=form.cleaned_data["candidates"], by=request.user
        )
        if result.invited:
            messages.success(
                request,
                ngettext(
                    "%(n)s invitation waits for review in the outbox.",
                    "%(n)s invitations wait for review in the outbox.",
                    len(result.invited),
                )
                % {"n": len(result.invited)},
            )
        if result.skipped:
            messages.info(
                request,
                _("Not invited again (already answered or invitation still open): %(names)s")
                % {"names": ", ".join(candidate.name for candidate in result.skipped)},
            )
        return redirect("manage:recruitment_outbox", **self.round.url_kwargs)


class OutboxView(RecruitmentMixin, View):
    def get(self, request, **kwargs):
        context = self.base_context(drafts=selectors.invitation_drafts(self.round))
        return render(request, "manage/recruitment/outbox.html", context)

    def post(self, request, **kwargs):
        count = services.release_invitations(round=self.round, by=request.user)
        messages.success(
            request,
            ngettext("%(n)s e-mail is being sent.", "%(n)s e-mails are being sent.", count)
            % {"n": count},
        )
        return redirect("manage:recruitment_outbox", **self.round.url_kwargs)


class InfoEventView(RecruitmentMixin, View):
    def get(self, request, **kwargs):
        event = selectors.info_event_of(self.round)
        initial = {}
        if event:
            initial = {
                "starts_at": event.starts_at,
                "ends_at": event.ends_at,
                "video_url": event.video_url,
                "agenda": event.agenda,
            }
        return self.render(request, event, InfoEventForm(initial=initial))

    def post(self, request, **kwargs):
        form = InfoEventForm(request.POST, round=self.round)
        if form.is_valid():
            try:
                services.schedule_info_event(round=self.round, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The info event was saved."))
                return redirect("manage:recruitment_info_event", **self.round.url_kwargs)
        return self.render(request, selectors.info_event_of(self.round), form, status=400)

    def render(self, request, event, form, status=200):
        context = self.base_context(
            event=event, form=form, registrations=selectors.registrations_for_event(event)
        )
        return render(request, "manage/recruitment/info_event.html", context, status=status)


class ProfileListView(RecruitmentMixin, View):
    """All mentor profiles of the round, published or not: coordinators and the trainer."""

    permission = "recruitment.view_mentor_profiles"

    def get(self, request, **kwargs):
        context = self.base_context(
            profiles=selectors.mentor_profiles_for_staff(self.round),
            manages=request.user.has_perm("recruitment.manage_recruitment", self.round),
            may_open_people=request.user.has_perm(
                "programmes.manage_organisation", self.organisation
            ),
        )
        return render(request, "manage/recruitment/profiles.html", context)
