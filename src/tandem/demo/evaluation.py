"""Demo data of the evaluation: interviews, the closing feedback session, lessons learned.

The tandem held three meetings in the last weeks (with the time both recorded), so the
round report has meetings over time and time spent. Every member of a tandem and two
further mentors have an interview: the past ones were held, two of them with notes along
the guide; the others are still to come. The feedback session took place two days ago,
moderated by the trainer: everyone from a tandem was invited, one did not come, the
trainer wrote the summary; the coordinator wrote the lessons learned.

Idempotent: a round that already has a feedback session is left alone.
"""

import datetime as dt

from django.utils import timezone

from tandem.evaluation import interview_slots, services
from tandem.evaluation.enums import InterviewStatus
from tandem.evaluation.models import FeedbackInvitation, FeedbackSession
from tandem.programmes.enums import RoleKind
from tandem.tandems import services as tandem_services
from tandem.tandems.enums import MeetingStatus
from tandem.tandems.models import Tandem

NOTES = (
    {
        "expectations": "Erwartungen weitgehend erfüllt; der fachliche Austausch war wertvoller "
        "als gedacht.",
        "tandem": "Gute Passung beim Thema Publikationsfonds; die Treffen waren gut vorbereitet.",
        "organisation": "Matching nachvollziehbar, Schulung hilfreich.",
        "critique": "Termine neben dem Arbeitsalltag zu finden war schwer.",
        "suggestions": "Feste Zeitfenster für Treffen früh im Programm vereinbaren.",
    },
    {
        "expectations": "Ja, vor allem der Blick in eine andere Einrichtung.",
        "tandem": "Offene Gespräche, Themen und Ziele vorab abgestimmt.",
        "critique": "Der Start nach dem Matching hat zu lange gedauert.",
        "suggestions": "Eine Kick-off-Runde für alle Tandems.",
    },
)
SUMMARY = (
    "Offene Runde. Gelobt: Themenzentrierung, Austausch über "
    "Einrichtungsgrenzen hinweg, die Schulung zur Gesprächsführung. Kritik: Terminfindung, "
    "Zeitaufwand neben dem Tagesgeschäft. Vorschläge: Kick-off für alle Tandems, ein "
    "Zwischentreffen zur Halbzeit."
)
LESSONS = (
    "Mentor*innen früher gewinnen (mindestens sechs Monate vorher).\n"
    "Kick-off für alle Tandems direkt nach dem Matching einplanen.\n"
    "Zwischenbefragung zur Halbzeit beibehalten; Terminfindung aktiv unterstützen."
)


def _at(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), timezone.get_current_timezone())


def _meetings(tandem) -> None:
    for days in (-45, -24, -3):
        meeting = tandem_services.plan_meeting(
            tandem=tandem,
            by=tandem.mentee,
            starts_at=_at(days, 15),
            duration_minutes=90,
            tell_partner=False,
        )
        tandem_services.set_meeting_status(
            meeting=meeting, by=tandem.mentee, status=MeetingStatus.HELD
        )
        tandem_services.record_time_spent(
            meeting=meeting, person=tandem.mentee, meeting_minutes=90, preparation_minutes=45
        )
        tandem_services.record_time_spent(
            meeting=meeting, person=tandem.mentor, meeting_minutes=90, preparation_minutes=20
        )


def build(programme_round, coordinator, trainer) -> None:
    if FeedbackSession.objects.filter(round=programme_round).exists():
        return
    # Tandems still running: an ended one takes no more meetings.
    tandems = list(
        Tandem.objects.filter(round=programme_round, ended_at=None).select_related(
            "mentor", "mentee"
        )
    )
    for tandem in tandems:
        _meetings(tandem)
    in_tandems = [person for tandem in tandems for person in (tandem.mentee, tandem.mentor)]
    others = [
        role.person
        for role in programme_round.roles.filter(role=RoleKind.MENTOR)
        .exclude(person__in=in_tandems)
        .select_related("person")
        .order_by("person__email")[:2]
    ]
    people = in_tandems + others
    # Three published slots; the last person booked the first one from the portal.
    slots = [
        interview_slots.publish_interview_slot(
            round=programme_round,
            by=trainer,
            starts_at=_at(4 + day, 9),
            duration_minutes=45,
            online_url="https://meet.example.org/tandem-auswertung",
        )
        for day in range(3)
    ]
    for index, person in enumerate(people):
        past = index < 3
        if index == len(people) - 1 and not past:
            interview = interview_slots.book_interview_slot(
                slot_id=slots[0].pk, round=programme_round, person=person
            )
        else:
            interview = services.schedule_interview(
                round=programme_round,
                by=trainer if index % 2 else coordinator,
                person=person,
                starts_at=_at(-6 + index if past else 2 + index, 10),
                duration_minutes=45,
                online_url="https://meet.example.org/tandem-auswertung",
            )
        if past:
            services.set_interview_status(
                interview=interview, by=trainer, status=InterviewStatus.HELD
            )
        if index < len(NOTES):
            services.save_interview_notes(interview=interview, by=trainer, notes=NOTES[index])
    session = services.save_feedback_session(
        round=programme_round,
        by=trainer,
        starts_at=_at(-2, 14),
        duration_minutes=120,
        online_url="https://meet.example.org/tandem-feedback",
        description="Rückblick auf den Durchlauf: Was hat getragen, was sollte anders werden?",
        moderator=trainer,
    )
    # A past session cannot send invitations any more (services refuse): in the demo it
    # "was" invited beforehand, so the rows are written here directly.
    for person in people:
        FeedbackInvitation.objects.create(session=session, person=person)
    services.record_feedback_attendance(
        session=session, by=trainer, attended={person.pk for person in people[:-1]}
    )
    services.save_feedback_summary(session=session, by=trainer, text=SUMMARY)
    services.save_lessons_learned(programme_round=programme_round, by=coordinator, text=LESSONS)
