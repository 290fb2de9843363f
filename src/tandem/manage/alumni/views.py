"""Closing a round, its certificates (revoking them) and creating the next round.

Only the round's coordinators; everyone else gets 404. Coordinators see the number of
meetings a completed tandem held — metadata they see anyway — never its content.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from tandem.alumni.certificates import (
    reinstate_certificate,
    revoke_certificate,
    verification_url,
)
from tandem.alumni.closing import close_round, closing_preview
from tandem.alumni.models import Certificate
from tandem.alumni.next_round import create_next_round
from tandem.core.access import RoundScopeMixin
from tandem.core.forms import add_service_errors


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300)


class NextRoundForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the new round"), max_length=200)


class AlumniMixin(RoundScopeMixin):
    permission = "programmes.manage_round"

    def render_page(self, request, *, next_form=None, revoke_forms=None, status=200):
        certificates = list(Certificate.objects.filter(round=self.round))
        revoke_forms = revoke_forms or {}
        context = {
            "organisation": self.organisation,
            "programme": self.programme,
            "round": self.round,
            "preview": None if self.round.closed_on else closing_preview(self.round),
            "certificates": [
                (c, verification_url(c), revoke_forms.get(c.pk) or RevokeForm(prefix=f"c{c.pk}"))
                for c in certificates
            ],
            "next_form": next_form
            or NextRoundForm(
                initial={"name": _("%(round)s (next round)") % {"round": self.round.name}}
            ),
            "next_rounds": self.round.next_rounds.all(),
        }
        return render(request, "manage/alumni/round.html", context, status=status)


class AlumniView(AlumniMixin, View):
    def get(self, request, **kwargs):
        return self.render_page(request)


class CloseRoundView(AlumniMixin, View):
    """POST only: close the round (once)."""

    def post(self, request, **kwargs):
        try:
            summary = close_round(round=self.round, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "The round is closed: %(completed)d of %(tandems)d tandems completed, "
                    "%(certificates)d certificates issued."
                )
                % vars(summary),
            )
        return redirect("manage:round_alumni", **self.round.url_kwargs)


class CertificateRevokeView(AlumniMixin, View):
    """POST only: revoke a valid certificate, or (CertificateReinstateView) reinstate a revoked one;
    both with a reason, both on the round's alumni page."""

    action = staticmethod(revoke_certificate)
    done = gettext_lazy("The certificate was revoked.")

    def post(self, request, certificate, **kwargs):
        found = Certificate.objects.filter(round=self.round, pk=certificate).first()
        if found is None:
            raise Http404
        form = RevokeForm(request.POST, prefix=f"c{found.pk}")
        if form.is_valid():
            try:
                self.action(certificate=found, reason=form.cleaned_data["reason"], by=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.done)
                return redirect("manage:round_alumni", **self.round.url_kwargs)
        return self.render_page(request, revoke_forms={found.pk: form}, status=400)


class CertificateReinstateView(CertificateRevokeView):
    action = staticmethod(reinstate_certificate)
    done = gettext_lazy("The certificate is valid again.")


class NextRoundView(AlumniMixin, View):
    """POST only: a new round from this one; on to its candidate list."""

    def post(self, request, **kwargs):
        form = NextRoundForm(request.POST)
        if form.is_valid():
            try:
                made = create_next_round(
                    previous=self.round, name=form.cleaned_data["name"], by=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The round “%(name)s” was created. Its candidate list holds "
                        "%(mentors)d former mentors and %(mentees)d former mentees."
                    )
                    % {
                        "name": made.round.name,
                        "mentors": made.former_mentors,
                        "mentees": made.former_mentees,
                    },
                )
                return redirect("manage:recruitment_candidates", **made.round.url_kwargs)
        return self.render_page(request, next_form=form, status=400)
