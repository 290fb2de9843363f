"""Demo data of the tandem's workspace, so a newcomer sees a living tandem.

The demo's tandem has a confirmed agreement, two goals (one with a reflection on its
progress), a first meeting held last week with notes and time spent, the next one
planned, and an open date poll for the one after. Everything goes through the services,
as the two members would do it.

Idempotent: a tandem that already has meetings is left alone.
"""

import datetime as dt

from django.utils import timezone

from tandem.tandems import polls, services
from tandem.tandems.models import Tandem


def _at(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), timezone.get_current_timezone())


def build(programme_round) -> None:
    tandem = (
        Tandem.objects.filter(round=programme_round, ended_at__isnull=True)
        .select_related("mentor", "mentee", "round__programme__organisation")
        .order_by("pk")
        .first()
    )
    if tandem is None or tandem.meetings.exists():
        return
    mentor, mentee = tandem.mentor, tandem.mentee
    services.save_agreement(
        tandem=tandem,
        by=mentee,
        goals=(
            "Ein Publikationsmonitoring für unsere Einrichtung aufbauen und die ersten "
            "Zahlen der Hochschulleitung vorstellen."
        ),
        topics=list(programme_round.programme.topics.filter(key="publication_monitoring")),
        rhythm_weeks=4,
        meeting_minutes=90,
        channel="https://meet.example.org/tandem-demo",
    )
    for person in (mentee, mentor):
        services.confirm_agreement(tandem=tandem, by=person)
    sources = services.add_goal(
        tandem=tandem, by=mentee, text="Datenquellen für das Monitoring auswählen", progress=0
    )
    services.update_goal(
        goal=sources,
        by=mentee,
        text=sources.text,
        progress=40,
        reflection="OpenAlex und die Hochschulbibliographie verglichen; Lücken bei Zeitschriften.",
    )
    services.add_goal(
        tandem=tandem, by=mentee, text="Ersten Bericht für die Hochschulleitung entwerfen"
    )
    first = services.plan_meeting(
        tandem=tandem,
        by=mentor,
        starts_at=_at(-6, 10),
        duration_minutes=90,
        video_url="https://meet.example.org/tandem-demo",
        agenda="Kennenlernen; Erwartungen; Vereinbarung besprechen; Datenquellen im Überblick",
        tell_partner=False,
    )
    services.set_meeting_status(meeting=first, by=mentee, status="held")
    services.record_time_spent(
        meeting=first, person=mentee, meeting_minutes=90, preparation_minutes=30
    )
    services.record_time_spent(
        meeting=first, person=mentor, meeting_minutes=90, preparation_minutes=20
    )
    services.add_note(
        meeting=first,
        by=mentee,
        text="Nur für mich: beim nächsten Mal nach den Kosten der Datenbanken fragen.",
    )
    services.add_note(
        meeting=first,
        by=mentor,
        text="Links zu OpenAlex und zur DFG-Handreichung, wie besprochen.",
        shared=True,
    )
    services.plan_meeting(
        tandem=tandem,
        by=mentee,
        starts_at=_at(10, 14),
        duration_minutes=90,
        video_url="https://meet.example.org/tandem-demo",
        agenda="Auswahl der Datenquellen festlegen; Gliederung des Berichts",
        tell_partner=False,
    )
    poll = polls.create_poll(
        tandem=tandem,
        by=mentor,
        duration_minutes=90,
        note="Für das dritte Treffen – passt einer dieser Termine?",
        options=[_at(38, 10), _at(39, 14), _at(40, 9)],
    )
    options = list(poll.options.all())
    polls.vote(
        poll=poll,
        person=mentor,
        answers={options[0].pk: "yes", options[1].pk: "maybe", options[2].pk: "yes"},
    )
