"""Where a person was going: a ``next`` address carried through sign-up and profile.

Only addresses on this site are followed (no open redirect); anything else is dropped.
"""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, value: str | None = None) -> str:
    """The ``next`` of the request (POST first, then GET) if it stays on this site, else ""."""
    if value is None:
        value = request.POST.get("next") or request.GET.get("next") or ""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""
