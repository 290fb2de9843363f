"""Meeting reminders: both persons get an e-mail the day before a planned meeting, once.

The command runs from cron (hourly is best: each meeting is reminded about 24 hours
ahead; run daily, a meeting is reminded within the last day before it).
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from tandem.audit.services import log_action
from tandem.mail.services import queue_mail

from . import selectors
from .enums import MeetingStatus
from .models import Meeting

REMIND_AHEAD = dt.timedelta(hours=24)


def due_meetings(now: dt.datetime):
    return Meeting.objects.filter(
        status=MeetingStatus.PLANNED,
        reminded_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + REMIND_AHEAD,
    )


def remind_meetings(now: dt.datetime | None = None) -> int:
    """Queue the reminders that are due; returns how many meetings were reminded."""
    now = now or timezone.now()
    count = 0
    for pk in due_meetings(now).values_list("pk", flat=True):
        count += _remind(pk, now)
    return count


@transaction.atomic
def _remind(pk: int, now: dt.datetime) -> int:
    # Locked and checked again: two runs at once must not send the reminder twice.
    meeting = (
        due_meetings(now)
        .select_for_update()
        .select_related(
            "tandem__round__programme__organisation", "tandem__mentor", "tandem__mentee"
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        return 0
    tandem = meeting.tandem
    for person in (tandem.mentee, tandem.mentor):
        # The agenda stays out: mails pass through the outbox coordinators can read.
        queue_mail(
            key="tandem_meeting_reminder",
            to=person.email,
            recipient=person,
            round=tandem.round,
            review=False,
            context={
                "name": person.get_full_name(),
                "partner": selectors.partner_of(tandem, person).get_full_name(),
                "when": selectors.local_datetime(meeting.starts_at, person),
                "time_zone": selectors.zone_of(person).key,
                "minutes": meeting.duration_minutes,
                "url": selectors.meeting_url(meeting),
                "round": tandem.round.name,
                "organisation": tandem.round.programme.organisation.name,
            },
        )
    meeting.reminded_at = now
    meeting.save(update_fields=["reminded_at"])
    log_action(None, "tandem.meeting_reminded", meeting, programme_round=tandem.round)
    return 1
