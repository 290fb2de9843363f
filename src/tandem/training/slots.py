"""Rules of bookable slots, said once: consultations (training) and evaluation interviews
(evaluation) both offer times a participant books.

One person's slots never overlap; a slot is a limited length; a booking may be cancelled
up to the slot's notice. The slot models differ (a consultation slot has bookings, an
interview slot becomes one interview), so the helpers take a queryset and plain values.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.tandems.selectors import local_datetime

from .limits import CANCEL_NOTICE_HOURS_MAX


def overlapping(slots, starts_at: dt.datetime, minutes: int) -> list:
    """The slots of ``slots`` (one person's, a queryset with starts_at/ends_at) that
    share any minute with the time given."""
    ends_at = starts_at + dt.timedelta(minutes=int(minutes))
    return list(slots.filter(starts_at__lt=ends_at, ends_at__gt=starts_at))


def refuse_clashes(slots, times: list[dt.datetime], minutes: int, person) -> None:
    """Raise next to ``starts_at`` if any of ``times`` overlaps one of ``slots``."""
    clashes = [time for time in times if overlapping(slots, time, minutes)]
    if clashes:
        raise ValidationError(
            {
                "starts_at": [
                    ngettext(
                        "You already offer a slot at this time: %(times)s.",
                        "You already offer slots at these times: %(times)s.",
                        len(clashes),
                    )
                    % {"times": ", ".join(local_datetime(time, person) for time in clashes)}
                ]
            }
        )


def cancel_notice_error(hours) -> str:
    if 0 <= int(hours) <= CANCEL_NOTICE_HOURS_MAX:
        return ""
    return _("Please give between 0 and %(n)s hours (two weeks).") % {"n": CANCEL_NOTICE_HOURS_MAX}


def may_still_cancel(starts_at: dt.datetime, notice_hours: int, now=None) -> bool:
    now = now or timezone.now()
    return now <= starts_at - dt.timedelta(hours=notice_hours)
