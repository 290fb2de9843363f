"""What the evaluation holds about people: declared, exported without the notes to the
person interviewed, erased, expired."""

import datetime as dt

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from tandem.evaluation import personal_data, services
from tandem.evaluation.models import FeedbackInvitation, Interview, InterviewNote
from tandem.privacy.registry import declarations, declared_models

pytestmark = pytest.mark.django_db


def test_every_evaluation_model_is_declared_with_its_functions():
    models = {m._meta.label_lower for m in apps.get_app_config("evaluation").get_models()}
    assert models <= declared_models()
    declaration = next(d for d in declarations() if d.app_label == "evaluation")
    assert declaration.export and declaration.erase and declaration.apply_retention


def test_the_person_gets_date_and_status_the_interviewer_the_notes(interview, trainer, people):
    services.save_interview_notes(interview=interview, by=trainer, notes={"critique": "Leise-99"})
    own = personal_data.export(people["mentee"])
    assert own["evaluation_interviews"][0]["starts_at"] == interview.starts_at.isoformat()
    assert "Leise-99" not in str(own)
    led = personal_data.export(trainer)["evaluation_interviews_led"][0]
    assert led["your_notes"] == {"critique": "Leise-99"}


def test_erase_removes_the_persons_interviews_and_keeps_what_staff_wrote_nameless(
    interview, feedback, trainer, people
):
    services.invite_to_feedback(session=feedback, by=trainer)
    services.save_interview_notes(interview=interview, by=trainer, notes={"tandem": "x"})
    personal_data.erase(trainer)
    interview.refresh_from_db()
    assert interview.interviewer is None
    assert InterviewNote.objects.get().written_by is None
    personal_data.erase(people["mentee"])
    assert not Interview.objects.exists() and not InterviewNote.objects.exists()
    assert list(FeedbackInvitation.objects.values_list("person", flat=True)) == [
        people["mentor"].pk
    ]


def test_interview_notes_go_on_their_own_months_and_the_interview_stays(
    round, interview, trainer, people, settings
):
    """Time travel: notes survive 3 months after the round's end, go the day after; the
    interview (date, status) and the count of held interviews survive."""
    from tandem.privacy.retention import apply_retention
    from tests.privacy.conftest import end_round_on

    ended = timezone.localdate() + dt.timedelta(days=60)
    end_round_on(round, ended)
    settings.TANDEM_RETENTION_MONTHS = 24
    settings.TANDEM_RETENTION_BY_KIND = {"interview_notes": 3}
    services.save_interview_notes(interview=interview, by=trainer, notes={"tandem": "x"})
    three_months = ended + dt.timedelta(days=88)
    with time_machine.travel(dt.datetime.combine(three_months, dt.time(12), dt.UTC)):
        apply_retention()
    assert InterviewNote.objects.exists()
    with time_machine.travel(
        dt.datetime.combine(ended + dt.timedelta(days=95), dt.time(12), dt.UTC)
    ):
        [result] = apply_retention()
    assert result.counts["interview_notes_deleted"] == 1
    assert not InterviewNote.objects.exists()
    kept = Interview.objects.get()
    assert kept.starts_at == interview.starts_at and kept.status == interview.status


def test_an_interviewers_slots_are_exported_and_erased(round, trainer, people):
    from tandem.evaluation import interview_slots
    from tandem.evaluation.models import InterviewSlot

    from .conftest import at

    slot = interview_slots.publish_interview_slot(
        round=round, by=trainer, starts_at=at(8), duration_minutes=45, place="Raum 4"
    )
    booked = interview_slots.book_interview_slot(
        slot_id=slot.pk, round=round, person=people["mentor"]
    )
    [row] = personal_data.export(trainer)["interview_slots_offered"]
    assert row["place"] == "Raum 4"
    personal_data.erase(trainer)
    assert not InterviewSlot.objects.exists()
    booked.refresh_from_db()
    assert booked.slot is None and booked.starts_at == slot.starts_at


def test_a_jitsi_room_is_suggested_for_a_new_interview(client, round, trainer, settings):
    settings.TANDEM_MEETING_PROVIDER = "jitsi"
    settings.TANDEM_JITSI_URL = "https://jitsi.example.org"
    client.force_login(trainer)
    page = client.get(
        reverse("manage:evaluation_interview_new", kwargs=round.url_kwargs)
    ).content.decode()
    assert 'value="https://jitsi.example.org/tandem-' in page
