from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from tandem.core.middleware import remember_language
from tandem.operations import health


@require_POST
def switch_language(request):
    """Set the UI language (cookie) and remember it for a logged-in person."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        remember_language(response, language)
        if request.user.is_authenticated and request.user.language != language:
            request.user.language = language
            request.user.save(update_fields=["language"])
    return response


@never_cache
@require_GET
def healthz(request):
    """For monitoring: 200 while database and cache answer, else 503; the body also says
    how many tasks wait and when the worker last beat ("status": "degraded" if long ago).
    Statuses and numbers only: nothing about any person or round."""
    data = health.report()
    return JsonResponse(data, status=200 if data["ok"] else 503)
