"""The personal link of a role invitation: the invited person accepts or declines.

A wrong, used or expired link shows the same neutral page with status 404. Accepting
needs an account with the invited address verified; the page says so plainly.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from tandem.people.signup import remember_invited_name
from tandem.programmes import invitations

from .forms import InvitationAnswerForm


def entry_links(request, email: str, name: str = "") -> dict[str, str]:
    """Log-in and sign-up links that come back here; sign-up has the address filled in,
    and the invited name (kept in the session, see people.signup)."""
    if not request.user.is_authenticated:
        remember_invited_name(request, email=email, name=name)
    return {
        "login_url": reverse("account_login") + "?" + urlencode({"next": request.path}),
        "signup_url": reverse("account_signup")
        + "?"
        + urlencode({"email": email, "next": request.path}),
    }


@never_cache
def role_invitation(request, org, programme, round, token):
    invitation = invitations.invitation_for_token(token)
    if (
        invitation is None
        or not invitation.is_open
        or invitation.round.url_kwargs != {"org": org, "programme": programme, "round": round}
    ):
        return render(request, "public/recruitment/invitation_invalid.html", status=404)
    return answer_page(request, invitation, entry_links(request, invitation.email, invitation.name))


def answer_page(request, invitation, links: dict[str, str]):
    """The invitation with its two answers; the form posts back to the page it is on (the
    mail's link, or the dashboard's link without the token)."""
    error, status = "", 200
    if request.method == "POST":
        form = InvitationAnswerForm(request.POST)
        answer = form.cleaned_data["answer"] if form.is_valid() else ""
        try:
            if answer == "decline":
                invitations.decline_role_invitation(invitation=invitation)
                return render(
                    request, "public/role_invitation_declined.html", {"round": invitation.round}
                )
            if answer == "accept" and not request.user.is_authenticated:
                return redirect(links["login_url"])
            if answer == "accept":
                invitations.accept_role_invitation(invitation=invitation, person=request.user)
                messages.success(request, _("Thank you! You now have your role in the round."))
                return redirect("portal:round", **invitation.round.url_kwargs)
            error = _("Please choose whether you accept or decline.")
        except ValidationError as problem:
            error = " ".join(problem.messages)
        status = 400
    may_accept = request.user.is_authenticated and invitations.has_verified_address(
        request.user, invitation.email
    )
    context = {
        "invitation": invitation,
        "round": invitation.round,
        "error": error,
        "may_accept": may_accept,
        **links,
    }
    return render(request, "public/role_invitation.html", context, status=status)
