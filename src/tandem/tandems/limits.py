"""The tandem phase's limits, said once: how long a meeting may be.

Models, services and forms all read these; the message names the numbers it checks.
"""

from django.utils.functional import lazy
from django.utils.translation import gettext

MEETING_MINUTES_MIN = 15
MEETING_MINUTES_MAX = 480  # a working day


def _length_message() -> str:
    return gettext("Please give a length between %(min)s and %(max)s minutes.") % {
        "min": MEETING_MINUTES_MIN,
        "max": MEETING_MINUTES_MAX,
    }


def _too_short_message() -> str:
    return gettext("A meeting must end after it starts: please give at least %(min)s minutes.") % {
        "min": MEETING_MINUTES_MIN
    }


#: In the reader's language whenever they are shown (forms keep them at import time).
MEETING_LENGTH_MESSAGE = lazy(_length_message, str)()
MEETING_TOO_SHORT_MESSAGE = lazy(_too_short_message, str)()


def meeting_length_error(minutes) -> str | None:
    """The message when ``minutes`` is outside the limits, else None."""
    if MEETING_MINUTES_MIN <= int(minutes) <= MEETING_MINUTES_MAX:
        return None
    return _length_message()
