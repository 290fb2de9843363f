"""Rules of bookable slots, said once: consultations (training) and evaluation interviews
(evaluation) both offer times a participant books.

One person's slots never overlap, of whatever kind (a trainer's consultation slot and
their interview slot neither); a slot is a limited length; a booking may be cancelled up
to the slot's notice. The slot models differ (a consultation slot has bookings, an
interview slot becomes one interview), so each app registers how to find one person's
slots of its kind (``register_slot_kind`` in its AppConfig.ready): training imports no
evaluation.
"""

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.tandems.selectors import local_datetime

from .limits import CANCEL_NOTICE_HOURS_MAX

# kind -> person -> a queryset of that person's slots of the kind (starts_at, ends_at).
_SLOT_KINDS: dict[str, Callable] = {}


def register_slot_kind(kind: str, slots_of: Callable) -> None:
    _SLOT_KINDS[kind] = slots_of


def slots_offered_by(person) -> list:
    """Querysets of every kind of slot the person offers."""
    return [slots_of(person) for _kind, slots_of in sorted(_SLOT_KINDS.items())]


def overlapping(slots, starts_at: dt.datetime, minutes: int) -> list:
    """The slots of ``slots`` (one person's, a queryset with starts_at/ends_at) that
    share any minute with the time given."""
    ends_at = starts_at + dt.timedelta(minutes=int(minutes))
    return list(slots.filter(starts_at__lt=ends_at, ends_at__gt=starts_at))


def refuse_clashes(person, times: list[dt.datetime], minutes: int) -> None:
    """Raise next to ``starts_at`` if any of ``times`` overlaps a slot the person offers,
    of any kind. Callers hold the person's row lock, so two publications run in turn."""
    offered = slots_offered_by(person)
    clashes = [
        time for time in times if any(overlapping(slots, time, minutes) for slots in offered)
    ]
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
