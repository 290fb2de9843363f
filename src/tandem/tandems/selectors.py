"""Reads of the tandem's own workspace, for its two members only.

Every function here takes the viewer and filters by them: a private note is only ever
loaded for its author (``tandem_notes_for_user``), and tandems are only loaded for their
members. Coordinators read tandems through tandem.tandems.overview, never through these.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import formats, timezone, translation

from .enums import EndCategory, MeetingStatus
from .models import EarlyEnd, Meeting, Note, Tandem, TimeSpent


def partner_of(tandem: Tandem, person):
    return tandem.mentee if person.pk == tandem.mentor_id else tandem.mentor


def tandems_for_user(round, person):
    """The person's own tandems in a round (a mentor may accompany more than one mentee)."""
    return Tandem.objects.filter(Q(mentor=person) | Q(mentee=person), round=round).select_related(
        "mentor__institution", "mentee__institution", "round__programme__organisation"
    )


def meetings_of(tandem: Tandem):
    return Meeting.objects.filter(tandem=tandem).order_by("starts_at", "pk")


def split_meetings(meetings, now=None) -> tuple[list[Meeting], list[Meeting]]:
    """Upcoming (planned, not yet ended; soonest first) and past (latest first)."""
    now = now or timezone.now()
    upcoming, past = [], []
    for meeting in meetings:
        ends_at = meeting.starts_at + dt.timedelta(minutes=meeting.duration_minutes)
        if meeting.status == MeetingStatus.PLANNED and ends_at > now:
            upcoming.append(meeting)
        else:
            past.append(meeting)
    return upcoming, past[::-1]


def tandem_notes_for_user(meeting: Meeting, person):
    """The notes on a meeting that the person may read: their own and shared ones."""
    return (
        Note.objects.filter(meeting=meeting)
        .filter(Q(author=person) | Q(shared=True))
        .select_related("author")
    )


def own_note(meeting: Meeting, person, pk: int) -> Note | None:
    """A note the person wrote (only authors edit or remove; anyone else gets None)."""
    return Note.objects.filter(meeting=meeting, author=person, pk=pk).first()


@dataclass(frozen=True)
class TimeTotal:
    person: object
    meeting_minutes: int
    preparation_minutes: int

    @property
    def total_minutes(self) -> int:
        return self.meeting_minutes + self.preparation_minutes


def time_totals(tandem: Tandem, meeting: Meeting | None = None) -> list[TimeTotal]:
    """Each member's minutes (meeting and preparation), mentee first; both see both."""
    entries = TimeSpent.objects.filter(meeting__tandem=tandem)
    if meeting is not None:
        entries = entries.filter(meeting=meeting)
    sums = {
        row["person"]: row
        for row in entries.values("person").annotate(
            meeting=Sum("meeting_minutes"), preparation=Sum("preparation_minutes")
        )
    }
    totals = []
    for member in (tandem.mentee, tandem.mentor):
        row = sums.get(member.pk, {})
        totals.append(
            TimeTotal(
                person=member,
                meeting_minutes=row.get("meeting") or 0,
                preparation_minutes=row.get("preparation") or 0,
            )
        )
    return totals


def own_time_spent(meeting: Meeting, person) -> TimeSpent | None:
    return TimeSpent.objects.filter(meeting=meeting, person=person).first()


def meetings_for_feed(person):
    """All meetings of all the person's tandems, in every round (the personal feed)."""
    return (
        Meeting.objects.filter(Q(tandem__mentor=person) | Q(tandem__mentee=person))
        .select_related(
            "tandem__mentor", "tandem__mentee", "tandem__round__programme__organisation"
        )
        .order_by("starts_at", "pk")
    )


# --- addresses -------------------------------------------------------------------------------


def workspace_url(tandem: Tandem) -> str:
    return reverse(
        "portal:tandem_workspace", kwargs={**tandem.round.url_kwargs, "tandem": tandem.pk}
    )


def meeting_url(meeting: Meeting) -> str:
    return reverse(
        "portal:tandem_meeting",
        kwargs={
            **meeting.tandem.round.url_kwargs,
            "tandem": meeting.tandem_id,
            "meeting": meeting.pk,
        },
    )


def zone_of(person) -> zoneinfo.ZoneInfo:
    """The person's time zone; the site's when theirs is unknown."""
    try:
        return zoneinfo.ZoneInfo(person.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local_datetime(value: dt.datetime, person) -> str:
    """A date as the person reads it in a mail: their time zone and language, with weekday."""
    local = value.astimezone(zone_of(person))
    with translation.override(person.language):
        return f"{formats.date_format(local, 'l')}, {formats.date_format(local, 'DATETIME_FORMAT')}"


def early_end_counts(round) -> dict[str, int]:
    """How many tandems of the round ended early, per reason category (every category,
    zeros included, in the categories' order). Counts only: no names, no reason text."""
    counts = dict(
        EarlyEnd.objects.filter(tandem__round=round)
        .values_list("category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {category: counts.get(category, 0) for category in EndCategory.values}


def reflections_of(goal):
    """A goal's progress changes with their reflections, oldest first (the two members')."""
    return goal.reflections.select_related("author").order_by("created_at", "pk")
