"""Recurring dates: "the first Tuesday of each month, 10–12", proposed by one member.

The other member accepts — then each occurrence becomes a Meeting of its own, with its own
agenda, calendar entry (own UID, own SEQUENCE) and reminder — or moves it, which makes the
new time the proposal for the first member to answer. Moving one meeting later moves only
that meeting (tandem.tandems.services.update_meeting). Weekday and time are meant in the
proposer's time zone, so a meeting stays at 10:00 across a change to summer time.
"""

import datetime as dt
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.mail.services import queue_mail

from . import selectors
from .enums import SeriesKind, SeriesStatus
from .limits import meeting_length_error
from .models import Meeting, MeetingSeries, Tandem
from .services import plan_meeting, require_member

COUNT_MIN, COUNT_MAX = 2, 12
#: how far ahead the first meeting may lie
FIRST_WITHIN = dt.timedelta(days=366)


def _nth_weekday(year: int, month: int, weekday: int, ordinal: int) -> dt.date | None:
    """The ordinal-th weekday of the month (5: the last); None if the month has none."""
    first = dt.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    days = [first + dt.timedelta(days=offset + 7 * k) for k in range(5)]
    days = [day for day in days if day.month == month]
    if ordinal == 5:
        return days[-1]
    return days[ordinal - 1] if ordinal <= len(days) else None


def occurrence_dates(
    *, kind: str, weekday: int, ordinal: int, interval_weeks: int, starts_on: dt.date, count: int
) -> list[dt.date]:
    """The dates of the first ``count`` occurrences on or after ``starts_on``."""
    dates: list[dt.date] = []
    if kind == SeriesKind.WEEKLY:
        day = starts_on + dt.timedelta(days=(weekday - starts_on.weekday()) % 7)
        while len(dates) < count:
            dates.append(day)
            day += dt.timedelta(weeks=interval_weeks)
        return dates
    year, month = starts_on.year, starts_on.month
    while len(dates) < count:
        day = _nth_weekday(year, month, weekday, ordinal)
        if day is not None and day >= starts_on:
            dates.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates


def occurrences(series: MeetingSeries) -> list[dt.datetime]:
    """Start times of every occurrence (aware, in the series' own zone)."""
    zone = zoneinfo.ZoneInfo(series.time_zone)
    return [
        dt.datetime.combine(day, series.start_time, tzinfo=zone)
        for day in occurrence_dates(
            kind=series.kind,
            weekday=series.weekday,
            ordinal=series.ordinal,
            interval_weeks=series.interval_weeks,
            starts_on=series.starts_on,
            count=series.count,
        )
    ]


def pattern_in_words(series: MeetingSeries, language: str | None = None) -> str:
    """E.g. "first Tuesday of each month, 10:00–12:00" in the reader's language."""
    with translation.override(language or translation.get_language()):
        weekday = formats.date_format(dt.date(2024, 1, 1) + dt.timedelta(days=series.weekday), "l")
        start = dt.datetime.combine(dt.date(2024, 1, 1), series.start_time)
        end = start + dt.timedelta(minutes=series.duration_minutes)
        times = f"{start:%H:%M}–{end:%H:%M}"
        if series.kind == SeriesKind.WEEKLY:
            if series.interval_weeks == 1:
                return _("every %(weekday)s, %(times)s") % {"weekday": weekday, "times": times}
            return _("every %(n)s weeks on %(weekday)s, %(times)s") % {
                "n": series.interval_weeks,
                "weekday": weekday,
                "times": times,
            }
        ordinal = {
            1: _("first"),
            2: _("second"),
            3: _("third"),
            4: _("fourth"),
            5: _("last"),
        }[series.ordinal]
        return _("%(ordinal)s %(weekday)s of each month, %(times)s") % {
            "ordinal": ordinal,
            "weekday": weekday,
            "times": times,
        }


def _errors(
    *, kind, weekday, ordinal, interval_weeks, starts_on, start_time, duration_minutes, count, zone
) -> dict:
    errors = {}
    if kind not in SeriesKind.values:
        errors["kind"] = [_("Please choose how the meetings repeat.")]
    if not 0 <= int(weekday) <= 6:
        errors["weekday"] = [_("Please choose a weekday.")]
    if kind == SeriesKind.MONTHLY and not 1 <= int(ordinal) <= 5:
        errors["ordinal"] = [_("Please choose which weekday of the month.")]
    if kind == SeriesKind.WEEKLY and not 1 <= int(interval_weeks) <= 12:
        errors["interval_weeks"] = [_("Please give a number of weeks between 1 and 12.")]
    if length_error := meeting_length_error(duration_minutes):
        errors["duration_minutes"] = [length_error]
    if not COUNT_MIN <= int(count) <= COUNT_MAX:
        errors["count"] = [
            _("Please plan between %(min)s and %(max)s meetings.")
            % {"min": COUNT_MIN, "max": COUNT_MAX}
        ]
    today = timezone.localdate()
    if starts_on < today:
        errors["starts_on"] = [_("Please choose a start that is not in the past.")]
    elif starts_on > today + FIRST_WITHIN:
        errors["starts_on"] = [_("Please start within the next year.")]
    if not errors:
        first = dt.datetime.combine(
            occurrence_dates(
                kind=kind,
                weekday=int(weekday),
                ordinal=int(ordinal),
                interval_weeks=int(interval_weeks),
                starts_on=starts_on,
                count=1,
            )[0],
            start_time,
            tzinfo=zone,
        )
        if first <= timezone.now():
            errors["start_time"] = [
                _("The first meeting would already be over. Please choose a later time or day.")
            ]
    return errors


def _apply(series: MeetingSeries, by, fields: dict) -> None:
    zone = selectors.zone_of(by)
    if errors := _errors(**fields, zone=zone):
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(series, name, value)
    series.time_zone = zone.key
    series.proposed_by = by
    series.status = SeriesStatus.PROPOSED


@transaction.atomic
def propose_series(
    *,
    tandem: Tandem,
    by,
    kind: str,
    weekday: int,
    start_time: dt.time,
    starts_on: dt.date,
    duration_minutes: int,
    count: int,
    ordinal: int = 1,
    interval_weeks: int = 4,
) -> MeetingSeries:
    """One member proposes a recurring date; the partner is asked to accept or move it."""
    require_member(tandem, by)
    series = MeetingSeries(tandem=tandem)
    _apply(
        series,
        by,
        {
            "kind": kind,
            "weekday": int(weekday),
            "ordinal": int(ordinal),
            "interval_weeks": int(interval_weeks),
            "starts_on": starts_on,
            "start_time": start_time,
            "duration_minutes": int(duration_minutes),
            "count": int(count),
        },
    )
    series.save()
    log_action(
        by, "tandem.series_proposed", series, programme_round=tandem.round, data={"count": count}
    )
    _tell(series, "meeting_series_proposed", by)
    return series


def _locked(series: MeetingSeries) -> MeetingSeries:
    # Both may answer at once: the second waits here and finds the series answered.
    locked = MeetingSeries.objects.select_for_update().get(pk=series.pk)
    locked.tandem = series.tandem
    return locked


def _require_answerer(series: MeetingSeries, by) -> None:
    require_member(series.tandem, by)
    if series.status != SeriesStatus.PROPOSED:
        raise ValidationError(_("This proposal has already been answered."))
    if series.proposed_by_id == by.pk:
        raise ValidationError(_("Your partner answers this proposal, not you."))


@transaction.atomic
def move_series(*, series: MeetingSeries, by, **fields) -> MeetingSeries:
    """The partner suggests another time instead; now the first member answers."""
    series = _locked(series)
    _require_answerer(series, by)
    current = {
        name: getattr(series, name)
        for name in (
            "kind",
            "weekday",
            "ordinal",
            "interval_weeks",
            "starts_on",
            "start_time",
            "duration_minutes",
            "count",
        )
    }
    _apply(series, by, current | fields)
    series.save()
    log_action(by, "tandem.series_moved", series, programme_round=series.tandem.round)
    _tell(series, "meeting_series_proposed", by)
    return series


@transaction.atomic
def accept_series(*, series: MeetingSeries, by) -> list[Meeting]:
    """The partner accepts: every occurrence becomes a meeting of its own."""
    series = _locked(series)
    _require_answerer(series, by)
    starts = occurrences(series)
    if starts[0] <= timezone.now():
        raise ValidationError(
            _("The first meeting of this proposal has passed. Please suggest another time.")
        )
    meetings = []
    for starts_at in starts:
        meeting = plan_meeting(
            tandem=series.tandem,
            by=by,
            starts_at=starts_at,
            duration_minutes=series.duration_minutes,
            tell_partner=False,
        )
        meeting.series = series
        meeting.save(update_fields=["series"])
        meetings.append(meeting)
    series.status = SeriesStatus.ACCEPTED
    series.answered_at = timezone.now()
    series.save(update_fields=["status", "answered_at"])
    log_action(
        by,
        "tandem.series_accepted",
        series,
        programme_round=series.tandem.round,
        data={"count": len(meetings)},
    )
    _tell(series, "meeting_series_accepted", by)
    return meetings


@transaction.atomic
def decline_series(*, series: MeetingSeries, by) -> MeetingSeries:
    """Either member withdraws or declines a proposal that waits for an answer."""
    series = _locked(series)
    require_member(series.tandem, by)
    if series.status != SeriesStatus.PROPOSED:
        raise ValidationError(_("This proposal has already been answered."))
    series.status = SeriesStatus.DECLINED
    series.answered_at = timezone.now()
    series.save(update_fields=["status", "answered_at"])
    log_action(by, "tandem.series_declined", series, programme_round=series.tandem.round)
    return series


def _tell(series: MeetingSeries, key: str, by) -> None:
    tandem = series.tandem
    partner = selectors.partner_of(tandem, by)
    first = occurrences(series)[0]
    round = tandem.round
    queue_mail(
        key=key,
        to=partner.email,
        recipient=partner,
        round=round,
        review=False,
        context={
            "name": partner.get_full_name(),
            "partner": by.get_full_name(),
            "pattern": pattern_in_words(series, partner.language),
            "time_zone": series.time_zone,
            "count": series.count,
            "minutes": series.duration_minutes,
            "when": selectors.local_datetime(first, partner),
            "round": round.name,
            "organisation": round.programme.organisation.name,
            "url": selectors.workspace_url(tandem) + "#series",
        },
    )


def series_of(tandem: Tandem):
    return MeetingSeries.objects.filter(tandem=tandem).select_related("proposed_by")


def series_of_tandem(tandem: Tandem, pk) -> MeetingSeries | None:
    found = series_of(tandem).filter(pk=pk).first()
    if found is not None:
        found.tandem = tandem
    return found
