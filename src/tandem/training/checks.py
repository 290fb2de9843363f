"""Input checks shared by the training and consultation services (messages per field)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

URL_MAX_LENGTH = 200
# Dates further than this from the round's own dates are typing errors (2062 for 2026).
DATE_MARGIN = dt.timedelta(days=2 * 365)


def date_bounds(round) -> tuple[dt.datetime, dt.datetime]:
    """The earliest and latest moment a session or slot of the round may have."""
    span = round.phases.aggregate(first=Min("starts_on"), last=Max("ends_on"))
    today = timezone.localdate()
    first, last = span["first"] or today, span["last"] or today
    zone = timezone.get_current_timezone()
    low = dt.datetime.combine(first, dt.time.min, zone) - DATE_MARGIN
    high = dt.datetime.combine(last, dt.time.max, zone) + DATE_MARGIN
    return low, high


def date_error(programme_round, starts_at: dt.datetime) -> str:
    low, high = date_bounds(programme_round)
    if not low <= starts_at <= high:
        return _(
            "Please choose a date between %(low)s and %(high)s (the round's dates, two "
            "years either side)."
        ) % {
            "low": date_format(low, "SHORT_DATE_FORMAT"),
            "high": date_format(high, "SHORT_DATE_FORMAT"),
        }
    return ""


def url_error(url: str) -> str:
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return _("Please give a web address that starts with https://.")
    if len(url) > URL_MAX_LENGTH:
        return _("Please give a web address of at most %(n)s characters.") % {"n": URL_MAX_LENGTH}
    return ""


def length_error(minutes, low: int, high: int) -> str:
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        minutes = -1
    if not low <= minutes <= high:
        return _("Please give a length between %(low)s and %(high)s minutes.") % {
            "low": low,
            "high": high,
        }
    return ""


def raise_if(errors: dict) -> None:
    errors = {field: [message] for field, message in errors.items() if message}
    if errors:
        raise ValidationError(errors)
