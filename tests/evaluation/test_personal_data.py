"""What the evaluation holds about people: declared, exported without the notes to the
person interviewed, erased, expired."""

import datetime as dt

import pytest
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


def test_retention_deletes_the_notes_of_rounds_long_ended(round, interview, trainer, settings):
    services.save_interview_notes(interview=interview, by=trainer, notes={"tandem": "x"})
    assert personal_data.apply_retention(timezone.now()) == 0
    last = max(phase.ends_on for phase in round.phases.all())
    later = (
        timezone.now()
        + (last - timezone.localdate())
        + dt.timedelta(days=31 * (settings.TANDEM_RETENTION_MONTHS + 1))
    )
    assert personal_data.apply_retention(later) == 1
    assert Interview.objects.exists() and not InterviewNote.objects.exists()


def test_a_jitsi_room_is_suggested_for_a_new_interview(client, round, trainer, settings):
    settings.TANDEM_MEETING_PROVIDER = "jitsi"
    settings.TANDEM_JITSI_URL = "https://jitsi.example.org"
    client.force_login(trainer)
    page = client.get(
        reverse("manage:evaluation_interview_new", kwargs=round.url_kwargs)
    ).content.decode()
    assert 'value="https://jitsi.example.org/tandem-' in page
