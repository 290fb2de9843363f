import datetime as dt

import pytest
from django.apps import apps
from django.utils import timezone

from tandem.privacy.registry import declarations, declared_models
from tandem.training import consultations, personal_data
from tandem.training.models import ConsultationBooking, ConsultationSlot, TrainingInvitation

pytestmark = pytest.mark.django_db


def test_every_training_model_is_declared_with_its_functions():
    models = {m._meta.label_lower for m in apps.get_app_config("training").get_models()}
    assert models <= declared_models()
    declaration = next(d for d in declarations() if d.app_label == "training")
    assert declaration.export and declaration.erase and declaration.apply_retention


def test_erase_removes_the_persons_rows(invited, slot, people):
    consultations.book_consultation(slot=slot, person=people["mentee"], note="x")
    personal_data.erase(people["mentee"])
    personal_data.erase(people["mentor"])
    assert not ConsultationBooking.objects.exists()
    assert not TrainingInvitation.objects.exists()
    personal_data.erase(people["trainer"])
    assert not ConsultationSlot.objects.exists()


def test_retention_deletes_consultations_of_rounds_long_ended(round, slot, people, settings):
    consultations.book_consultation(slot=slot, person=people["mentee"], note="x")
    assert personal_data.apply_retention(timezone.now()) == 0
    last = max(phase.ends_on for phase in round.phases.all())
    later = (
        timezone.now()
        + (last - timezone.localdate())
        + dt.timedelta(days=31 * (settings.TANDEM_RETENTION_MONTHS + 1))
    )
    assert personal_data.apply_retention(later) == 2  # the booking and its slot
    assert not ConsultationSlot.objects.exists()
