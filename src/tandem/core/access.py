"""View helpers that enforce the platform's access rules in one way everywhere.

Outside one's scope a page answers 404, never 403, so nothing reveals that an
organisation, programme or round exists.
"""

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from tandem.programmes.models import Organisation, Programme, Round
from tandem.programmes.selectors import programme_in_scope, round_in_scope


def has_second_factor(user) -> bool:
    if user.is_demo and settings.TANDEM_DEMO_SKIPS_MFA:
        return True
    return get_mfa_adapter().is_mfa_enabled(user)


# Where a coordinator was going when sent to set up the second factor; the pages after
# the set-up (recovery codes, security overview) offer the way back (tandem_tags).
AFTER_SECOND_FACTOR = "tandem_after_second_factor"


class SecondFactorRequiredMixin(LoginRequiredMixin):
    """Coordinator pages need TOTP; the person is sent to set it up first."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_scope(request, *args, **kwargs)
        if has_second_factor(request.user):
            request.session.pop(AFTER_SECOND_FACTOR, None)  # arrived
        else:
            if request.method == "GET":
                request.session[AFTER_SECOND_FACTOR] = request.get_full_path()
            messages.warning(
                request,
                _("Coordinator pages are protected by a second factor. Please set up an "
                  "authenticator app first."),
            )
            return redirect("mfa_activate_totp")
        return super().dispatch(request, *args, **kwargs)

    def check_scope(self, request, *args, **kwargs):
        """Load the scoped object and raise Http404 when the person may not see it."""


class OrganisationScopeMixin(SecondFactorRequiredMixin):
    permission = "programmes.manage_organisation"

    def check_scope(self, request, *args, **kwargs):
        try:
            self.organisation = Organisation.objects.get(slug=kwargs["org"])
        except Organisation.DoesNotExist:
            raise Http404 from None
        if not request.user.has_perm(self.permission, self.organisation):
            raise Http404


class ProgrammeScopeMixin(SecondFactorRequiredMixin):
    permission = "programmes.manage_organisation"

    def check_scope(self, request, *args, **kwargs):
        try:
            self.programme = programme_in_scope(kwargs["org"], kwargs["programme"])
        except Programme.DoesNotExist:
            raise Http404 from None
        self.organisation = self.programme.organisation
        if not request.user.has_perm(self.permission, self.organisation):
            raise Http404


class RoundScopeMixin(SecondFactorRequiredMixin):
    permission = "programmes.manage_round"

    def check_scope(self, request, *args, **kwargs):
        try:
            self.round = round_in_scope(kwargs["org"], kwargs["programme"], kwargs["round"])
        except Round.DoesNotExist:
            raise Http404 from None
        self.programme = self.round.programme
        self.organisation = self.programme.organisation
        if not request.user.has_perm(self.permission, self.round):
            raise Http404
