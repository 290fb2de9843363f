"""Shared helpers of the workspace, calendar and reminder tests."""

import datetime as dt
import zoneinfo

from django.urls import reverse
from django.utils import timezone

from tandem.audit.models import AuditEntry
from tandem.mail.models import QueuedMail
from tandem.tandems import services
from tandem.tandems.models import (
    Agreement,
    CalendarFeed,
    Goal,
    Meeting,
    Note,
    Tandem,
    TimeSpent,
)
from tests.conftest import verified
from tests.factories import UserFactory

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
AGENDA = "Publikationsfonds: Kriterien für APCs besprechen"
GOAL = "Eine Auswertung der Zeitschriften-Verträge aufbauen"
GOALS = "Bibliometrie-Beratung für Fakultäten aufbauen"
PRIVATE = "Meine private Notiz: Team-Konflikt ansprechen?"
SHARED = "Geteilte Notiz: Folien von Frau Brandt lesen"


def at(days: int, hour: int = 10, zone=BERLIN) -> dt.datetime:
    """A date at a full hour in a time zone, ``days`` from today."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=zone)


def local_input(value: dt.datetime) -> str:
    """What a datetime-local input sends."""
    return value.strftime("%Y-%m-%dT%H:%M")


def other_tandem(round) -> Tandem:
    return Tandem.objects.create(
        round=round,
        mentor=verified(UserFactory(name="Olga Other")),
        mentee=verified(UserFactory(name="Otto Other")),
    )


def plan(tandem, by, days=7, agenda=AGENDA, **extra) -> Meeting:
    return services.plan_meeting(
        tandem=tandem,
        by=by,
        starts_at=at(days),
        duration_minutes=extra.pop("duration_minutes", 90),
        agenda=agenda,
        **extra,
    )


def agree(tandem, by, **extra) -> Agreement:
    data = {
        "goals": GOALS,
        "topics": [],
        "rhythm_weeks": 4,
        "meeting_minutes": 120,
        "channel": "https://meet.example.org/tandem",
        "confidentiality": True,
    } | extra
    return services.save_agreement(tandem=tandem, by=by, **data)


def state():
    """Everything a refused request must leave as it was."""
    return (
        sorted(
            Agreement.objects.values_list(
                "pk", "goals", "mentee_confirmed_at", "mentor_confirmed_at"
            )
        ),
        sorted(Goal.objects.values_list("pk", "text", "progress")),
        sorted(
            Meeting.objects.values_list(
                "pk", "starts_at", "duration_minutes", "video_url", "agenda", "status", "sequence"
            )
        ),
        sorted(Note.objects.values_list("pk", "text", "shared")),
        sorted(TimeSpent.objects.values_list("pk", "meeting_minutes", "preparation_minutes")),
        sorted(CalendarFeed.objects.values_list("pk", "token_hash")),
        QueuedMail.objects.count(),
        AuditEntry.objects.count(),
    )


def login_url() -> str:
    return reverse("account_login")
