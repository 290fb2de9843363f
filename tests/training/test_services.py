import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tandem.mail.models import QueuedMail
from tandem.manage.checklist import mentors_trained
from tandem.training import consultations, reminders, selectors, services
from tandem.training.enums import Audience, BookingStatus, InvitationAnswer
from tandem.training.models import ConsultationSlot, TrainingInvitation

from .conftest import soon

pytestmark = pytest.mark.django_db


def test_a_session_far_from_the_round_dates_is_refused_with_a_message(round, trainer):
    with pytest.raises(ValidationError) as error:
        services.create_session(
            round=round,
            by=trainer,
            title="Tippfehler",
            starts_at=soon(days=365 * 4),
            duration_minutes=60,
        )
    assert "two years" in error.value.message_dict["starts_at"][0]


def test_bad_fields_are_named(round, trainer):
    with pytest.raises(ValidationError) as error:
        services.create_session(
            round=round,
            by=trainer,
            title="",
            starts_at=soon(),
            duration_minutes=5,
            online_url="ftp://x",
        )
    assert set(error.value.message_dict) == {"title", "duration_minutes", "online_url"}


def test_only_training_staff_create_sessions(round, people):
    with pytest.raises(PermissionDenied):
        services.create_session(
            round=round, by=people["mentor"], title="x", starts_at=soon(), duration_minutes=60
        )


def test_inviting_reaches_the_audience_once_with_a_mail(session, trainer, people):
    assert services.invite_to_session(session=session, by=trainer) == 1
    assert list(session.invitations.values_list("person", flat=True)) == [people["mentor"].pk]
    assert [[m.to] for m in QueuedMail.objects.all()] == [[people["mentor"].email]]
    assert services.invite_to_session(session=session, by=trainer) == 0


def test_everyone_audience_invites_mentors_and_mentees(round, trainer, people):
    session = services.create_session(
        round=round,
        by=trainer,
        title="Alle",
        starts_at=soon(),
        duration_minutes=60,
        audience=Audience.EVERYONE,
    )
    assert services.invite_to_session(session=session, by=trainer) == 2


def test_answer_and_attendance(invited, trainer, people):
    invitation = TrainingInvitation.objects.get(session=invited)
    services.answer_invitation(invitation=invitation, by=people["mentor"], accept=True)
    invitation.refresh_from_db()
    assert invitation.answer == InvitationAnswer.ACCEPTED
    with pytest.raises(PermissionDenied):
        services.answer_invitation(invitation=invitation, by=people["mentee"], accept=False)
    with pytest.raises(ValidationError):  # not begun yet
        services.record_attendance(session=invited, by=trainer, attended={people["mentor"].pk})
    invited.starts_at = timezone.now() - dt.timedelta(hours=1)
    invited.save()
    assert (
        services.record_attendance(session=invited, by=trainer, attended={people["mentor"].pk}) == 1
    )
    invitation.refresh_from_db()
    assert invitation.attended is True


def test_checklist_names_mentors_without_training_before_the_tandem_phase(
    round, invited, trainer, people
):
    item = mentors_trained(round)
    assert not item.done and people["mentor"].name in item.detail
    invited.starts_at = timezone.now() - dt.timedelta(hours=1)
    invited.save()
    services.record_attendance(session=invited, by=trainer, attended={people["mentor"].pk})
    assert mentors_trained(round).done


def test_changing_the_date_raises_sequence_and_tells_those_invited(invited, trainer):
    QueuedMail.objects.all().delete()
    fields = {
        "title": invited.title,
        "starts_at": invited.starts_at + dt.timedelta(days=1),
        "duration_minutes": 180,
        "online_url": "",
        "place": "Raum 1",
        "description": "",
        "audience": Audience.MENTORS,
    }
    session = services.update_session(session=invited, by=trainer, **fields)
    assert session.sequence == 1
    assert ["changed" in m.subject for m in QueuedMail.objects.all()] == [True]


def test_material_needs_a_file_or_a_link_of_an_allowed_type(session, trainer):
    with pytest.raises(ValidationError) as error:
        services.add_material(session=session, by=trainer, title="Nichts")
    assert "file" in error.value.message_dict
    exe = SimpleUploadedFile("tool.exe", b"MZ")
    with pytest.raises(ValidationError):
        services.add_material(session=session, by=trainer, title="Programm", file=exe)
    pdf = SimpleUploadedFile("folien.pdf", b"%PDF-1.4")
    assert services.add_material(session=session, by=trainer, title="Folien", file=pdf).file


def test_weekly_slots_until_a_day(round, trainer):
    first = soon(3)
    slots = consultations.publish_slots(
        round=round,
        trainer=trainer,
        starts_at=first,
        duration_minutes=30,
        weekly_until=(first + dt.timedelta(weeks=3)).date(),
    )
    assert [s.starts_at for s in slots] == [first + dt.timedelta(weeks=k) for k in range(4)]


def test_overlapping_slots_of_one_trainer_are_refused(slot, round, trainer):
    with pytest.raises(ValidationError) as error:
        consultations.publish_slots(
            round=round,
            trainer=trainer,
            starts_at=slot.starts_at + dt.timedelta(minutes=15),
            duration_minutes=30,
        )
    assert "already offer" in error.value.message_dict["starts_at"][0]


def test_only_trainers_publish_slots(round, people):
    with pytest.raises(PermissionDenied):
        consultations.publish_slots(
            round=round, trainer=people["coordinator"], starts_at=soon(), duration_minutes=30
        )


def test_booking_twice_gives_a_clear_message(slot, people):
    consultations.book_consultation(slot=slot, person=people["mentee"], note="")
    with pytest.raises(ValidationError) as error:
        consultations.book_consultation(slot=slot, person=people["mentor"], note="")
    assert "Someone else has just booked" in error.value.messages[0]


def test_the_database_refuses_a_second_active_booking(slot, people):
    """The constraint holds even when the service's check is bypassed (SQLite, races)."""
    from django.db import IntegrityError, transaction

    from tandem.training.models import ConsultationBooking

    ConsultationBooking.objects.create(slot=slot, person=people["mentee"])
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationBooking.objects.create(slot=slot, person=people["mentor"])


def test_outsiders_and_trainers_cannot_book(slot, people):
    for who in ("outsider", "trainer", "coordinator"):
        with pytest.raises(PermissionDenied):
            consultations.book_consultation(slot=slot, person=people[who])


def test_cancel_within_notice_is_refused_and_before_it_allowed(slot, people, trainer):
    booking = consultations.book_consultation(slot=slot, person=people["mentee"])
    slot.cancel_notice_hours = 24 * 6  # the slot is 5 days ahead
    slot.save()
    with pytest.raises(ValidationError) as error:
        consultations.cancel_booking(booking=booking, by=people["mentee"])
    assert "144 hours ahead" in error.value.messages[0]
    slot.cancel_notice_hours = 24
    slot.save()
    QueuedMail.objects.all().delete()
    booking = consultations.cancel_booking(booking=booking, by=trainer)
    assert booking.status == BookingStatus.CANCELLED and booking.sequence == 1
    assert [[m.to] for m in QueuedMail.objects.all()] == [[people["mentee"].email]]
    # The slot is free again.
    assert consultations.book_consultation(slot=slot, person=people["mentor"])


def test_nobody_else_cancels_or_writes_trainer_notes(slot, people):
    booking = consultations.book_consultation(slot=slot, person=people["mentee"])
    for who in ("mentor", "coordinator"):
        with pytest.raises(PermissionDenied):
            consultations.cancel_booking(booking=booking, by=people[who])
    with pytest.raises(PermissionDenied):
        consultations.save_trainer_notes(booking=booking, by=people["mentee"], text="x")


def test_consultation_mails_stay_out_of_the_round_outbox(slot, people, round):
    consultations.book_consultation(slot=slot, person=people["mentee"], note="Mein Anliegen")
    assert not QueuedMail.objects.filter(round=round).exists()
    assert QueuedMail.objects.filter(template_key="consultation_booked").count() == 2


def test_counts_for_coordinators(slot, people, round):
    consultations.book_consultation(slot=slot, person=people["mentee"])
    counts = selectors.consultation_counts(round)
    assert (counts.offered, counts.booked, counts.free) == (1, 1, 0)


def test_reminders_once_the_day_before(invited, slot, people):
    consultations.book_consultation(slot=slot, person=people["mentee"])
    now = slot.starts_at - dt.timedelta(hours=3)
    ConsultationSlot.objects.filter(pk=slot.pk).update(starts_at=slot.starts_at)
    invited.starts_at = now + dt.timedelta(hours=5)
    invited.save()
    QueuedMail.objects.all().delete()
    assert reminders.remind_training(now) == (1, 1)
    assert reminders.remind_training(now) == (0, 0)
    subjects = sorted(m.subject for m in QueuedMail.objects.all())
    assert len(subjects) == 3 and all("Reminder" in s for s in subjects)


def test_consultation_mails_use_the_rounds_own_texts(slot, people, round):
    from tandem.mail.services import save_round_texts

    save_round_texts(
        round=round,
        key="consultation_booked",
        texts={
            "en": ("Our consultation on {{ when }}", "Hello {{ name }}, see you. {{ url }}"),
            "de": ("Unsere Beratung am {{ when }}", "Guten Tag {{ name }}. {{ url }}"),
        },
        by=people["coordinator"],
    )
    consultations.book_consultation(slot=slot, person=people["mentee"], note="Mein Anliegen")
    booked = QueuedMail.objects.filter(template_key="consultation_booked")
    assert all(m.subject.startswith(("Our consultation", "Unsere Beratung")) for m in booked)
    assert not booked.filter(round=round).exists()  # still out of the round's outbox
