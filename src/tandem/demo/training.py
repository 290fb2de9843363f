"""Demo data of mentor training and consultations.

A training held a week ago (attendance recorded: one mentor missed it, so the round's
checklist names them), the next session in five days with invitations and a material
link, and weekly consultation slots of the trainer; the tandem's mentee booked one.

Idempotent: a round that already has a training session is left alone.
"""

import datetime as dt

from django.utils import timezone

from tandem.programmes.enums import RoleKind
from tandem.tandems.models import Tandem
from tandem.training import consultations, services
from tandem.training.defaults import default_agenda
from tandem.training.models import TrainingInvitation


def _at(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), timezone.get_current_timezone())


def build(programme_round, coordinator, trainer) -> None:
    if programme_round.training_sessions.exists():
        return
    held = services.create_session(
        round=programme_round,
        by=trainer,
        title="Mentoring-Schulung, Teil 1: Erwartungen",
        starts_at=_at(-7, 10),
        duration_minutes=180,
        online_url="https://meet.example.org/tandem-schulung-1",
        description=default_agenda("de"),
    )
    # A past session cannot send invitations any more (services refuse): in the demo it
    # "was" invited beforehand, so the rows are written here directly.
    mentors = [
        role.person
        for role in programme_round.roles.filter(role=RoleKind.MENTOR)
        .select_related("person")
        .order_by("person__email")
    ]
    for mentor in mentors:
        TrainingInvitation.objects.create(
            session=held,
            person=mentor,
            answer="accepted",
            answered_at=timezone.now() - dt.timedelta(days=14),
        )
    services.record_attendance(
        session=held, by=trainer, attended={mentor.pk for mentor in mentors[1:]}
    )
    upcoming = services.create_session(
        round=programme_round,
        by=trainer,
        title="Mentoring-Schulung, Teil 2: Gesprächsführung",
        starts_at=_at(5, 14),
        duration_minutes=180,
        place="Seminarraum 2, UB Lindenau",
        description=default_agenda("de"),
    )
    services.invite_to_session(session=upcoming, by=trainer)
    services.add_material(
        session=upcoming,
        by=trainer,
        title="Leitfaden Gesprächsführung",
        url="https://example.org/leitfaden-gespraechsfuehrung",
    )
    first = upcoming.invitations.order_by("person__email").first()
    if first:
        services.answer_invitation(invitation=first, by=first.person, accept=True)
    slots = consultations.publish_slots(
        round=programme_round,
        trainer=trainer,
        starts_at=_at(3, 16),
        duration_minutes=45,
        online_url="https://meet.example.org/tandem-beratung",
        cancel_notice_hours=24,
        weekly_until=timezone.localdate() + dt.timedelta(weeks=6),
    )
    tandem = Tandem.objects.filter(round=programme_round).select_related("mentee").first()
    if tandem:
        consultations.book_consultation(
            slot=slots[1],
            person=tandem.mentee,
            note="Ich möchte besprechen, wie ich meine Ziele für das Tandem klarer fasse.",
        )
