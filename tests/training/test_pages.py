import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tandem.training.models import ConsultationBooking, ConsultationSlot, TrainingSession

from .conftest import soon

pytestmark = pytest.mark.django_db


def manage(name, round, **kwargs):
    return reverse(f"manage:{name}", kwargs={**round.url_kwargs, **kwargs})


def portal(name, round, **kwargs):
    return reverse(f"portal:{name}", kwargs={**round.url_kwargs, **kwargs})


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_trainer_creates_a_session_with_the_default_agenda_and_invites(
    client, round, trainer, people
):
    client.force_login(trainer)
    form = client.get(manage("training_session_new", round)).content.decode()
    assert "Conversation techniques in mentoring" in form
    response = client.post(
        manage("training_session_new", round),
        {
            "title": "Schulung 1",
            "starts_at": _local(soon()),
            "duration_minutes": 180,
            "online_url": "",
            "place": "Raum 3",
            "description": "Agenda",
            "audience": "mentors",
        },
    )
    session = TrainingSession.objects.get()
    assert response.status_code == 302
    client.post(manage("training_invite", round, session=session.pk))
    assert session.invitations.get().person == people["mentor"]


def test_bad_input_keeps_what_was_typed_and_says_why(client, round, trainer):
    client.force_login(trainer)
    response = client.post(
        manage("training_session_new", round),
        {
            "title": "Behalten",
            "starts_at": "2090-01-01T10:00",
            "duration_minutes": 180,
            "audience": "mentors",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Behalten" in page
    assert "Please give a date between" in page
    assert not TrainingSession.objects.exists()


def test_material_file_is_for_those_invited_only(client, round, invited, trainer, people):
    client.force_login(trainer)
    client.post(
        manage("training_material_add", round, session=invited.pk),
        {"title": "Folien", "file": SimpleUploadedFile("f.pdf", b"%PDF-1.4 geheim")},
    )
    material = invited.materials.get()
    url = portal("training_material", round, session=invited.pk, material=material.pk)
    client.force_login(people["mentor"])
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 geheim"
    client.force_login(people["mentee"])
    assert client.get(url).status_code == 404


def test_booking_in_two_clicks_from_the_dashboard(client, round, slot, people):
    client.force_login(people["mentee"])
    dashboard = client.get(reverse("portal:dashboard")).content.decode()
    link = portal("consultations", round)
    assert link in dashboard  # click one
    page = client.get(link).content.decode()
    book = portal("consultation_book", round, slot=slot.pk)
    assert book in page
    response = client.post(book, {"note": "Kurz"})  # click two
    assert response.status_code == 302
    assert ConsultationBooking.objects.get().person == people["mentee"]


def test_the_workspace_links_to_consultations(client, round, people):
    from tandem.tandems.models import Tandem

    tandem = Tandem.objects.create(round=round, mentor=people["mentor"], mentee=people["mentee"])
    client.force_login(people["mentor"])
    page = client.get(
        reverse("portal:tandem_workspace", kwargs={**round.url_kwargs, "tandem": tandem.pk})
    )
    assert portal("consultations", round) in page.content.decode()


def test_a_taken_slot_gives_a_clear_message_and_keeps_the_note(client, round, slot, people):
    from tandem.training import consultations

    consultations.book_consultation(slot=slot, person=people["mentor"])
    client.force_login(people["mentee"])
    response = client.post(
        portal("consultation_book", round, slot=slot.pk), {"note": "Mein Text bleibt"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else has just booked" in page and "Mein Text bleibt" in page


def test_trainer_publishes_weekly_slots_and_bad_input_is_named(client, round, trainer):
    client.force_login(trainer)
    start = soon(3)
    response = client.post(
        manage("consultations", round),
        {
            "starts_at": _local(start),
            "duration_minutes": 45,
            "cancel_notice_hours": 24,
            "weekly_until": (start + dt.timedelta(weeks=2)).date().isoformat(),
        },
    )
    assert response.status_code == 302 and ConsultationSlot.objects.count() == 3
    response = client.post(
        manage("consultations", round),
        {"starts_at": _local(start), "duration_minutes": 45, "cancel_notice_hours": 24},
    )
    assert response.status_code == 400 and "already offer" in response.content.decode()


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_training_page_renders_in_both_languages(client, round, people, language):
    from .samples import training_samples

    samples = training_samples(round, people)
    pages = {
        "trainer": [
            manage("training", round),
            manage("training_session_new", round),
            manage("training_session", round, session=samples["session"]),
            manage("training_session_edit", round, session=samples["session"]),
            manage("consultations", round),
            manage("consultation_booking", round, booking=samples["booking"]),
        ],
        "mentor": [
            portal("training", round),
            portal("consultations", round),
            portal("training_session", round, session=samples["session"]),
            reverse("portal:dashboard"),
        ],
        "mentee": [portal("consultations", round)],
        "coordinator": [
            manage("consultations", round),
            manage("training", round),
            manage("round", round),
        ],
    }
    for who, urls in pages.items():
        person = people[who]
        person.language = language
        person.save()
        client.force_login(person)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (who, url)
            if language == "de":
                page = response.content.decode()
                assert "Schulung" in page or "Beratung" in page, (who, url)
                assert "Consultation" not in page and "Training session" not in page, url
