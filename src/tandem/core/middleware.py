import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone, translation

from tandem.core.access import session_used_second_factor


class UserPreferencesMiddleware:
    """Show dates in the person's time zone and pages in their language.

    An explicit choice in the language switcher (cookie) wins over the stored
    preference, so a person can look at the other language for a moment.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.activate(zoneinfo.ZoneInfo(settings.TIME_ZONE))
            if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
        response = self.get_response(request)
        timezone.deactivate()
        return response


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
