"""Requests larger than the platform takes get a page that says so, not a bare error.

Django refuses form data above ``DATA_UPLOAD_MAX_MEMORY_SIZE`` and too many fields or
files with an exception that becomes a plain "400 Bad Request"; file uploads it would
stream to disk however large they are. This middleware looks at the announced size before
anything is read (files included, up to ``TANDEM_MAX_UPLOAD_MB``) and turns Django's own
refusals into the same page, in the site's layout, with the way back to the form. Each
upload field has its own, smaller limit with a message next to the field (photo 3 MB,
slides 10 MB, import file 5 MB).
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

MB = 1024 * 1024


def max_request_bytes() -> int:
    return settings.TANDEM_MAX_UPLOAD_MB * MB


class RequestSizeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in {"POST", "PUT", "PATCH"}:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > max_request_bytes():
                return too_big(request)
            try:
                # Parsed here rather than in the CSRF check, so that a refusal gets a page.
                request.POST  # noqa: B018
                request.FILES  # noqa: B018
            except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
                return too_big(request)
        return self.get_response(request)


def too_big(request):
    back = request.get_full_path()
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    context = {"back": back, "limit_mb": settings.TANDEM_MAX_UPLOAD_MB}
    # The body was not read: the connection cannot be kept for the next request.
    response = render(request, "core/request_too_big.html", context, status=413)
    response["Connection"] = "close"
    return response
