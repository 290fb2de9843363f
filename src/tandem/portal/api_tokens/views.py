"""The person's own API tokens: made (the key shown once), listed, revoked.

Only ever the logged-in person's tokens: a token of someone else answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.api.selectors import token_of_user, tokens_for_user
from tandem.api.services import create_token, revoke_token
from tandem.core.forms import add_service_errors, parse_id

from .forms import TokenForm

# The new key waits here for the one page that shows it, then is gone.
NEW_KEY = "tandem_new_api_key"


def _page(request, form, status=200):
    context = {
        "form": form,
        "tokens": tokens_for_user(request.user),
        "new_key": request.session.pop(NEW_KEY, None),
        "docs_url": reverse("api-v1:openapi-view"),
        "schema_url": reverse("api-v1:openapi-json"),
    }
    response = render(request, "portal/api_tokens.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def api_tokens(request):
    if request.method != "POST":
        return _page(request, TokenForm(person=request.user))
    form = TokenForm(request.POST, person=request.user)
    if form.is_valid():
        try:
            _token, key = create_token(
                person=request.user,
                name=form.cleaned_data["name"],
                access=form.cleaned_data["access"],
                expires_at=form.expires_at(),
                **form.cleaned_data["scope"],
            )
        except ValidationError as error:
            # The service speaks of the moment, the form asks for the day.
            messages_by_field = error.message_dict
            if "expires_at" in messages_by_field:
                messages_by_field["expires_on"] = messages_by_field.pop("expires_at")
            add_service_errors(form, ValidationError(messages_by_field))
        else:
            request.session[NEW_KEY] = key
            return redirect("portal:api_tokens")
    return _page(request, form, status=400)


@login_required
@require_POST
def revoke(request, api_token):
    found = token_of_user(request.user, parse_id(api_token))
    if found is None:
        raise Http404
    revoke_token(token=found, by=request.user)
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": found.name})
    return redirect("portal:api_tokens")
