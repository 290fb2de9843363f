"""The link in the mail about an imported application: its person confirms or declines.

Like the invitation links: a wrong, used or expired link is a neutral 404, and only an
account with the address verified can confirm.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from tandem.applications import imported
from tandem.programmes.invitations import has_verified_address

from .forms import InvitationAnswerForm
from .role_invitation import entry_links


@never_cache
def imported_application(request, org, programme, round, token):
    pending = imported.imported_for_token(token)
    if (
        pending is None
        or not pending.is_open
        or pending.round.url_kwargs != {"org": org, "programme": programme, "round": round}
    ):
        return render(request, "public/recruitment/invitation_invalid.html", status=404)
    links = entry_links(request, pending.email, pending.name)
    error, status = "", 200
    if request.method == "POST":
        form = InvitationAnswerForm(request.POST)
        answer = form.cleaned_data["answer"] if form.is_valid() else ""
        try:
            if answer == "decline":
                imported.decline_imported_application(pending=pending)
                return render(
                    request, "public/role_invitation_declined.html", {"round": pending.round}
                )
            if answer == "accept" and not request.user.is_authenticated:
                return redirect(links["signup_url"])
            if answer == "accept":
                imported.confirm_imported_application(pending=pending, person=request.user)
                messages.success(request, _("Thank you! Your application is confirmed."))
                return redirect("portal:application_apply", **pending.round.url_kwargs)
            error = _("Please choose whether you accept or decline.")
        except ValidationError as problem:
            error = " ".join(problem.messages)
        status = 400
    may_accept = request.user.is_authenticated and has_verified_address(request.user, pending.email)
    context = {
        "pending": pending,
        "round": pending.round,
        "error": error,
        "may_accept": may_accept,
        **links,
    }
    return render(request, "public/imported_application.html", context, status=status)
