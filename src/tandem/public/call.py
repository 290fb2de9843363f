"""The call page: a round's public root, where a person decides whether to apply.

Readable under the gallery's rule (public round, or a role in it, or its coordinators);
otherwise 404. The Apply button of a visitor without an account leads to sign-up with
the application form as the place to come back to (see tandem.core.next_step).
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from tandem.applications.calls import call_for, call_text
from tandem.recruitment import selectors

from .gallery import _visible_round


def call_page(request, org, programme, round):
    found = _visible_round(request, org, programme, round)
    apply_url = reverse("portal:application_apply", kwargs=found.url_kwargs)
    query = urlencode({"next": apply_url})
    context = {
        "round": found,
        "call": call_for(found),
        "call_text": call_text(found, translation.get_language() or "de"),
        "event": selectors.info_event_of(found),
        "apply_url": apply_url,
        "signup_url": f"{reverse('account_signup')}?{query}",
        "login_url": f"{reverse('account_login')}?{query}",
    }
    return render(request, "public/call.html", context)
