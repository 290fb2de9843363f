"""The personal invitation link: a candidate accepts or declines without logging in first.

A wrong, used or expired link shows the same neutral page with status 404, so a link
reveals nothing about candidates or rounds.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from tandem.programmes.invitations import has_verified_address
from tandem.recruitment import selectors, services
from tandem.recruitment.services import ANSWERABLE

from .forms import InvitationAnswerForm
from .role_invitation import entry_links


@never_cache
def invitation(request, org, programme, round, token):
    candidate = selectors.candidate_for_token(token)
    if (
        candidate is None
        or candidate.status not in ANSWERABLE
        or candidate.round.url_kwargs != {"org": org, "programme": programme, "round": round}
    ):
        return render(request, "public/recruitment/invitation_invalid.html", status=404)
    return answer_page(request, candidate)


def answer_page(request, candidate):
    """The invitation with accept and decline; also reached from the dashboard (portal)."""
    found = candidate.round
    links = entry_links(request, candidate.email, candidate.name)
    error = ""
    status = 200
    if request.method == "POST":
        form = InvitationAnswerForm(request.POST)
        answer = form.cleaned_data["answer"] if form.is_valid() else ""
        try:
            if answer == "decline":
                services.decline_invitation(candidate=candidate)
                return render(
                    request, "public/recruitment/invitation_declined.html", {"round": found}
                )
            if answer == "accept" and request.user.is_authenticated:
                services.accept_invitation(candidate=candidate, person=request.user)
                messages.success(
                    request, _("Thank you for accepting! Please fill in your mentor profile now.")
                )
                return redirect("portal:recruitment_profile", **found.url_kwargs)
            if answer == "accept":
                # Without an account: sign up with the invited address (log in is linked there).
                return redirect(links["signup_url"])
            error = _("Please choose whether you accept or decline.")
        except ValidationError as problem:
            error = " ".join(problem.messages)
        status = 400
    context = {
        "candidate": candidate,
        "round": found,
        "event": selectors.info_event_of(found),
        "error": error,
        "may_accept": request.user.is_authenticated
        and has_verified_address(request.user, candidate.email),
        **links,
    }
    return render(request, "public/recruitment/invitation.html", context, status=status)
