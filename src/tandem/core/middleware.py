import datetime
import zoneinfo

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone, translation

from tandem.core.access import session_used_second_factor


def remember_language(response, language: str) -> None:
    """The language cookie: a year long, so anonymous pages stay in the chosen language."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


class UserPreferencesMiddleware:
    """Show dates in the person's time zone and pages in their language.

    An explicit choice in the language switcher (cookie) wins over the stored
    preference, so a person can look at the other language for a moment (the switcher
    also stores the choice for a logged-in person).

    When the stored language takes effect or changes — at login, or when the person
    saves another language in their profile — the cookie is set to it. Otherwise a
    cookie left by an earlier choice (it lasts a year, and may be someone else's on a
    shared computer) would keep showing the pages in a language the person did not choose.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.follows_preferences = True  # see activate_on_login
        user = getattr(request, "user", None)
        stored = None
        if user is not None and user.is_authenticated:
            stored = user.language
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.activate(zoneinfo.ZoneInfo(settings.TIME_ZONE))
            if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
        response = self.get_response(request)
        timezone.deactivate()
        user = getattr(request, "user", None)  # logging in replaces it
        if user is not None and user.is_authenticated and user.language != stored:
            cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if cookie is not None and cookie != user.language:
                remember_language(response, user.language)
        return response


@receiver(user_logged_in)
def activate_on_login(sender, request, user, **kwargs):
    """From the moment of login the page speaks the person's language (allauth's
    "signed in" message is written in this request). Only for requests through the
    middleware: the test client's force_login has a request of its own."""
    if getattr(request, "follows_preferences", False):
        translation.activate(user.language)
        request.LANGUAGE_CODE = user.language


# Browser features no page of the platform uses; a page that is tricked into asking for
# them gets a refusal from the browser instead of a prompt.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "battery",
        "bluetooth",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
        "interest-cohort",
        "browsing-topics",
    )
)


class PermissionsPolicyMiddleware:
    """Send a Permissions-Policy header that denies camera, microphone, location & co."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


STAFF_SESSION_UNTIL = "tandem_staff_session_until"


class SessionSecurityMiddleware:
    """What a session may do depends on how it was opened and by whom.

    - Staff sessions end ``TANDEM_STAFF_SESSION_SECONDS`` after they were first seen as
      staff, however active they are (an absolute lifetime, not an idle timeout).
    - A superuser's powers (every permission of every organisation) hold only in a
      session that used the second factor; otherwise the account counts as a plain
      person (see ``User.has_perm``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.is_staff or user.is_superuser:
                self._limit_staff_session(request)
            if user.is_superuser:
                user.superuser_powers = session_used_second_factor(request)
        return self.get_response(request)

    @staticmethod
    def _limit_staff_session(request):
        seconds = settings.TANDEM_STAFF_SESSION_SECONDS
        if not seconds or STAFF_SESSION_UNTIL in request.session:
            return
        until = timezone.now() + datetime.timedelta(seconds=seconds)
        request.session[STAFF_SESSION_UNTIL] = until.isoformat()
        request.session.set_expiry(until)
