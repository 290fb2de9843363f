"""View helpers that enforce the platform's access rules in one way everywhere.

Outside one's scope a page answers 404, never 403, so nothing reveals that an
organisation, programme or round exists.
"""

from urllib.parse import urlencode, urlsplit

from allauth.account.authentication import get_authentication_records
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from tandem.programmes.models import Organisation, Programme, Round
from tandem.programmes.selectors import programme_in_scope, round_in_scope


def demo_skips_second_factor(user) -> bool:
    return bool(getattr(user, "is_demo", False)) and settings.TANDEM_DEMO_SKIPS_MFA


def has_second_factor(user) -> bool:
    """The account has an authenticator (what the person can set up)."""
    if demo_skips_second_factor(user):
        return True
    return get_mfa_adapter().is_mfa_enabled(user)


def session_used_second_factor(request) -> bool:
    """This session was signed in, or re-confirmed, with the second factor.

    Having a factor is not enough: a session opened with the password alone (an old
    session, or a login that went around allauth) must not reach what the factor guards.
    allauth records every step of how the current session authenticated.
    """
    user = request.user
    if not user.is_authenticated:
        return False
    if demo_skips_second_factor(user):
        return True
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def second_factor_redirect(request):
    """None when the session may go on; otherwise where the person must go first.

    Without an authenticator the person sets one up; with one but a session that did
    not use it, the person confirms with a code and comes back to the page.
    """
    if session_used_second_factor(request):
        return None
    if not has_second_factor(request.user):
        messages.warning(
            request,
            _(
                "Coordinator pages are protected by a second factor. Please set up an "
                "authenticator app first."
            ),
        )
        return redirect("mfa_activate_totp")
    messages.info(
        request,
        _(
            "Please confirm with a code from your authenticator app that it is you. "
            "You then come straight back."
        ),
    )
    query = urlencode({REDIRECT_FIELD_NAME: _return_path(request)})
    return redirect(f"{reverse('mfa_reauthenticate')}?{query}")


def _return_path(request) -> str:
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    # A form sent from a session that was not confirmed is not carried out; the person
    # returns to the page the form was on and sends it again.
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, {request.get_host()}, request.is_secure()
    ):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return reverse("portal:dashboard")


# Where a coordinator was going when sent to set up the second factor; the pages after
# the set-up (recovery codes, security overview) offer the way back (tandem_tags).
AFTER_SECOND_FACTOR = "tandem_after_second_factor"


class SecondFactorRequiredMixin(LoginRequiredMixin):
    """Coordinator pages need a session that used the second factor (TOTP)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_scope(request, *args, **kwargs)
        detour = second_factor_redirect(request)
        if detour is not None:
            if request.method == "GET" and not has_second_factor(request.user):
                request.session[AFTER_SECOND_FACTOR] = request.get_full_path()
            return detour
        request.session.pop(AFTER_SECOND_FACTOR, None)  # arrived
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
