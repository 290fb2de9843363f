"""A round's public call: which calls are open, and the facts a call page states.

A call is public when the round publishes its call and gallery (``Round.is_public``) and
it has an application phase that has not ended yet. Everything said here comes from the
round's own settings and dates, so the call page and the home page cannot disagree with
the rules the platform enforces.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.mail.services import render_mail, render_text
from tandem.programmes.enums import PhaseKind
from tandem.programmes.models import Phase, Round, Topic

from .call_texts import CALL_TEXT, MAIL_TEMPLATES
from .services import Window, application_window

# The phases a person deciding whether to apply needs to know the dates of.
KEY_PHASES = [
    PhaseKind.INFO_EVENT,
    PhaseKind.APPLICATIONS,
    PhaseKind.MATCHING,
    PhaseKind.TRAINING,
    PhaseKind.TANDEM_PHASE,
]


@dataclass
class KeyDate:
    label: str
    starts_on: dt.date
    ends_on: dt.date


@dataclass
class Call:
    round: Round
    window: Window
    key_dates: list[KeyDate] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)

    @property
    def effort(self) -> str:
        return effort_text(self.round)


def _public_rounds():
    return (
        Round.objects.filter(is_public=True)
        .select_related("programme__organisation")
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("starts_on")))
    )


def open_calls(today: dt.date | None = None) -> list[Call]:
    """Public rounds that take applications now or will (soonest deadline first)."""
    today = today or timezone.localdate()
    calls = []
    for round in _public_rounds():
        window = application_window(round, today)
        if window.status in {"open", "before"}:
            calls.append(Call(round=round, window=window))
    return sorted(calls, key=lambda call: (call.window.status != "open", call.window.ends_on))


def call_for(programme_round: Round, today: dt.date | None = None) -> Call:
    """The facts of one round's call page (the caller has checked that it may be read)."""
    phases = {phase.kind: phase for phase in programme_round.phases.all()}
    key_dates = [
        KeyDate(
            label=str(kind.label), starts_on=phases[kind].starts_on, ends_on=phases[kind].ends_on
        )
        for kind in KEY_PHASES
        if kind in phases
    ]
    return Call(
        round=programme_round,
        window=application_window(programme_round, today),
        key_dates=key_dates,
        topics=list(programme_round.programme.topics.order_by("position", "key")),
    )


def effort_text(programme_round: Round) -> str:
    """The expected effort in plain words, e.g. "About one meeting a month of up to 2 hours
    for about 6 months, and about as much time again for preparation." """
    weeks = programme_round.meeting_rhythm_weeks
    if weeks == 4:
        rhythm = _("About one meeting a month")
    else:
        rhythm = ngettext(
            "About one meeting a week", "About one meeting every %(n)s weeks", weeks
        ) % {"n": weeks}
    minutes = programme_round.meeting_max_minutes
    if minutes % 60 == 0:
        length = ngettext("%(n)s hour", "%(n)s hours", minutes // 60) % {"n": minutes // 60}
    else:
        length = ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
    months = programme_round.tandem_months
    duration = ngettext("%(n)s month", "%(n)s months", months) % {"n": months}
    return _(
        "%(rhythm)s of up to %(length)s for about %(duration)s, and about as much time "
        "again for preparation."
    ) % {"rhythm": rhythm, "length": length, "duration": duration}


def call_text(programme_round: Round, language: str) -> tuple[str, str]:
    """Heading and text of "what the programme is": the round's, else its programme's,
    else the built-in text, filled in (plain text; the page escapes it)."""
    context = {
        "programme": programme_round.programme.name,
        "round": programme_round.name,
        "organisation": programme_round.programme.organisation.name,
        "months": programme_round.tandem_months,
        "meeting_hours": f"{programme_round.meeting_max_minutes / 60:g}",
    }
    try:
        return render_mail(CALL_TEXT, language, context, programme_round=programme_round)
    except Exception:  # noqa: BLE001 — a text saved before a check existed: the built-in one
        subject, body = MAIL_TEMPLATES[CALL_TEXT].get(language) or MAIL_TEMPLATES[CALL_TEXT]["de"]
        return render_text(subject, body, language, context)
