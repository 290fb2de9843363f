"""Pages for coordinators: organisations, programmes, topics, rounds and roles."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from tandem.core.access import (
    OrganisationScopeMixin,
    ProgrammeScopeMixin,
    RoundScopeMixin,
    SecondFactorRequiredMixin,
)
from tandem.core.forms import add_service_errors
from tandem.matching.consent import overdue_proposals
from tandem.programmes import invitations, selectors, services

from .checklist import round_checklist
from .forms import (
    OrganisationForm,
    PhaseForm,
    ProgrammeForm,
    RoleInvitationForm,
    RoundForm,
    TopicForm,
)


class OrganisationListView(SecondFactorRequiredMixin, View):
    """The organisations a person coordinates, and creating one where that is allowed.

    Without a coordinating role and without the right to create one (staff, or
    TANDEM_SELF_SERVICE_ORGANISATIONS), the page does not exist for the person: 404.
    """

    def check_scope(self, request, *args, **kwargs):
        self.may_create = request.user.has_perm("programmes.create_organisation")
        if request.method == "POST" and not self.may_create:
            raise Http404
        if not (self.may_create or selectors.has_coordinating_role(request.user)):
            raise Http404

    def get(self, request):
        return self.render(request, OrganisationForm())

    def post(self, request):
        form = OrganisationForm(request.POST)
        if form.is_valid():
            organisation = services.create_organisation(
                name=form.cleaned_data["name"], created_by=request.user
            )
            messages.success(request, _("The organisation was created."))
            return redirect("manage:organisation", org=organisation.slug)
        return self.render(request, form, status=400)

    def render(self, request, form, status=200):
        organisations = selectors.organisations_for_user(request.user)
        context = {
            "organisations": organisations,
            "rounds": selectors.staff_rounds_for_user(request.user),
            "form": form if self.may_create else None,
        }
        return render(request, "manage/organisation_list.html", context, status=status)


class OrganisationView(OrganisationScopeMixin, View):
    def get(self, request, org):
        return self.render(request, self.programme_form())

    def programme_form(self, data=None):
        return ProgrammeForm(
            data, programmes=selectors.programmes_for_organisation(self.organisation)
        )

    def post(self, request, org):
        form = self.programme_form(request.POST)
        if form.is_valid():
            programme = services.create_programme(
                organisation=self.organisation,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                by=request.user,
                **form.topic_choice(),
            )
            messages.success(request, _("The programme was created."))
            return redirect("manage:programme", org=org, programme=programme.slug)
        return self.render(request, form, status=400)

    def render(self, request, form, status=200):
        context = {
            "organisation": self.organisation,
            "programmes": selectors.programmes_for_organisation(self.organisation),
            "form": form,
        }
        return render(request, "manage/organisation.html", context, status=status)


class ProgrammeView(ProgrammeScopeMixin, View):
    def get(self, request, org, programme):
        return self.render(request, TopicForm())

    def post(self, request, org, programme):
        form = TopicForm(request.POST)
        if form.is_valid():
            try:
                services.add_topic(programme=self.programme, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The topic was added."))
                return redirect("manage:programme", org=org, programme=programme)
        return self.render(request, form, status=400)

    def render(self, request, form, status=200):
        context = {
            "organisation": self.organisation,
            "programme": self.programme,
            "topics": self.programme.topics.all(),
            "rounds": self.programme.rounds.all(),
            "form": form,
        }
        return render(request, "manage/programme.html", context, status=status)


class TopicRemoveView(ProgrammeScopeMixin, View):
    def post(self, request, org, programme, topic):
        found = self.programme.topics.filter(pk=topic).first()
        if found is None:
            raise Http404
        services.remove_topic(topic=found, by=request.user)
        messages.success(request, _("The topic was removed."))
        return redirect("manage:programme", org=org, programme=programme)


class RoundCreateView(ProgrammeScopeMixin, View):
    def get(self, request, org, programme):
        return self.render(request, RoundForm())

    def post(self, request, org, programme):
        form = RoundForm(request.POST)
        if form.is_valid():
            try:
                round = services.create_round(
                    programme=self.programme,
                    settings=form.round_settings(),
                    phase_dates=form.phase_dates(),
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The round was created."))
                return redirect("manage:round", **round.url_kwargs)
        return self.render(request, form, status=400)

    def render(self, request, form, status=200):
        context = {"organisation": self.organisation, "programme": self.programme, "form": form}
        return render(request, "manage/round_form.html", context, status=status)


def render_round_page(request, view, phase_form, status=200):
    """The round page (timeline, checklist, phase switch); shared by GET and a bad POST."""
    context = {
        "organisation": view.organisation,
        "programme": view.programme,
        "round": view.round,
        "timeline": selectors.round_timeline(view.round),
        "checklist": round_checklist(view.round),
        "phase_form": phase_form,
        "overdue_count": overdue_proposals(view.round).count(),
    }
    return render(request, "manage/round.html", context, status=status)


class RoundView(RoundScopeMixin, View):
    def get(self, request, **kwargs):
        form = PhaseForm(initial={"phase": self.round.current_phase})
        return render_round_page(request, self, form)


class RoundPhaseView(RoundScopeMixin, View):
    def post(self, request, **kwargs):
        form = PhaseForm(request.POST, current=self.round.current_phase)
        if not form.is_valid():
            return render_round_page(request, self, form, status=400)
        services.move_round_to_phase(
            programme_round=self.round, phase=form.cleaned_data["phase"], by=request.user
        )
        messages.success(
            request,
            _("The round is now in the phase “%(phase)s”.")
            % {"phase": self.round.get_current_phase_display()},
        )
        return redirect("manage:round", **self.round.url_kwargs)


class RoundEditView(RoundScopeMixin, View):
    def get(self, request, **kwargs):
        return self.render(request, RoundForm(initial=self.initial(), phase_dates=self.dates()))

    def post(self, request, **kwargs):
        form = RoundForm(request.POST, phase_dates=self.dates())
        if form.is_valid():
            try:
                services.update_round(
                    programme_round=self.round,
                    settings=form.round_settings(),
                    phase_dates=form.phase_dates(),
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The round was saved."))
                return redirect("manage:round", **self.round.url_kwargs)
        return self.render(request, form, status=400)

    def initial(self):
        fields = [
            "name",
            "cross_institution_required",
            "mentor_capacity",
            "meeting_rhythm_weeks",
            "meeting_max_minutes",
            "tandem_months",
            "proposal_reminder_days",
            "new_match_within_percent",
            "is_public",
        ]
        return {field: getattr(self.round, field) for field in fields}

    def dates(self):
        return {phase.kind: (phase.starts_on, phase.ends_on) for phase in self.round.phases.all()}

    def render(self, request, form, status=200):
        context = {
            "organisation": self.organisation,
            "programme": self.programme,
            "round": self.round,
            "form": form,
        }
        return render(request, "manage/round_form.html", context, status=status)


class RoundRolesView(RoundScopeMixin, View):
    """The round's roles and open invitations; a role is given by inviting an address.

    The answer to an invitation is the same whether or not the address has an account.
    """

    def get(self, request, **kwargs):
        return self.render(request, RoleInvitationForm())

    def post(self, request, **kwargs):
        form = RoleInvitationForm(request.POST)
        if form.is_valid():
            try:
                invitations.invite_to_role(round=self.round, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The invitation was sent. The role is given once the person accepts."),
                )
                return redirect("manage:round_roles", **self.round.url_kwargs)
        return self.render(request, form, status=400)

    def render(self, request, form, status=200):
        context = {
            "organisation": self.organisation,
            "programme": self.programme,
            "round": self.round,
            "roles": selectors.roles_for_round(self.round),
            "invitations": invitations.pending_invitations(self.round),
            "form": form,
            # The person page is the organisation's coordinators' (a round's are not).
            "may_open_people": request.user.has_perm(
                "programmes.manage_organisation", self.organisation
            ),
        }
        return render(request, "manage/round_roles.html", context, status=status)


class RoundRoleRevokeView(RoundScopeMixin, View):
    def post(self, request, role, **kwargs):
        round_role = self.round.roles.filter(pk=role).first()
        if round_role is None:
            raise Http404
        try:
            services.revoke_role(round_role=round_role, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role was removed."))
        return redirect(reverse("manage:round_roles", kwargs=self.round.url_kwargs))


class RoleInvitationWithdrawView(RoundScopeMixin, View):
    def post(self, request, invitation, **kwargs):
        found = invitations.pending_invitations(self.round).filter(pk=invitation).first()
        if found is None:
            raise Http404
        invitations.withdraw_role_invitation(invitation=found, by=request.user)
        messages.success(request, _("The invitation was withdrawn."))
        return redirect(reverse("manage:round_roles", kwargs=self.round.url_kwargs))
