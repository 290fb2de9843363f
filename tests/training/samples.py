"""One round with every training object present, for the access and confidentiality tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tandem.tandems.models import Tandem
from tandem.training import consultations, services

from .conftest import soon

BOOKING_NOTE = "GEHEIM-ANLIEGEN-7f3a"
TRAINER_NOTE = "GEHEIM-TRAINERNOTIZ-91c2"


def training_samples(round, people) -> dict:
    """Session for mentors (the mentor invited) with a file; two slots, the mentee booked one."""
    trainer = people["trainer"]
    session = services.create_session(
        round=round, by=trainer, title="Schulung", starts_at=soon(), duration_minutes=120
    )
    services.invite_to_session(session=session, by=trainer)
    material = services.add_material(
        session=session,
        by=trainer,
        title="Folien",
        file=SimpleUploadedFile("folien.pdf", b"%PDF-1.4 x"),
    )
    booked, free = consultations.publish_slots(
        round=round,
        trainer=trainer,
        starts_at=soon(4),
        duration_minutes=45,
        weekly_until=soon(11).date(),
    )
    booking = consultations.book_consultation(
        slot=booked, person=people["mentee"], note=BOOKING_NOTE
    )
    consultations.save_trainer_notes(booking=booking, by=trainer, text=TRAINER_NOTE)
    Tandem.objects.get_or_create(round=round, mentor=people["mentor"], mentee=people["mentee"])
    return {
        "session": session.pk,
        "material": material.pk,
        "slot": free.pk,
        "booking": booking.pk,
        "booked_slot": booked.pk,
    }
