"""Calendar files: one meeting (for the members, after login) and the personal feed.

The feed is read by calendar programs, which cannot log in: its secret address is the
key. A wrong or renewed token answers 404, like any address that does not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from tandem.tandems import calendar

from .access import meeting_of, own_tandem
from .urls_of import tandem_urls


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def meeting_ics(request, org, programme, round, tandem, meeting):
    tandem = own_tandem(request, org, programme, round, tandem)
    found = meeting_of(tandem, meeting)
    body = calendar.meeting_ics(found, request.user)
    return _calendar_response(body, f"tandem-{found.starts_at:%Y-%m-%d}.ics")


FRESH_FEED_TOKEN = "tandem_fresh_calendar_token"  # noqa: S105 — a session key name


@login_required
def calendar_feed(request, org, programme, round, tandem):
    """Create the personal feed address on first use, or renew it."""
    tandem = own_tandem(request, org, programme, round, tandem)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("action") == "renew":
        feed = calendar.renew_calendar_feed(request.user)
        messages.success(
            request,
            _(
                "Your calendar address is renewed. The old address no "
                "longer works: please add the new one to your calendar."
            ),
        )
    else:
        feed = calendar.open_calendar_feed(request.user)
        messages.success(
            request,
            _("Your calendar address is ready. Add it to your calendar program as a subscription."),
        )
    if feed.token:
        # Only the hash is stored: the workspace shows the address this one time.
        request.session[FRESH_FEED_TOKEN] = feed.token
    return redirect(tandem_urls(tandem)["workspace"] + "#calendar")


@never_cache
def feed(request, token):
    person = calendar.person_for_token(token)
    if person is None:
        raise Http404
    with translation.override(person.language):
        body = calendar.feed_ics(person)
    response = _calendar_response(body, "tandem.ics")
    response["X-Robots-Tag"] = "noindex"
    return response
