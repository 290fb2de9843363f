"""A booking's note and the trainer's notes reach nobody but their two people (DESIGN.md §2).

Secret markers are written into both; every page, export, mail and calendar file that
coordinators, other participants and the tandem partner can reach is requested.
"""

import json

import pytest
from django.urls import reverse

from tandem.mail.models import QueuedMail
from tandem.privacy.personal_data import export_personal_data
from tandem.tandems.models import Tandem
from tandem.training import personal_data
from tests.manage.test_every_url import urls_for

from .samples import BOOKING_NOTE, TRAINER_NOTE, training_samples
from .test_portal_access import TABLE, _url

pytestmark = pytest.mark.django_db
SECRETS = (BOOKING_NOTE, TRAINER_NOTE)


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _clean(content, where) -> None:
    if not isinstance(content, bytes | str):
        content = _body(content)
    text = content.decode(errors="replace") if isinstance(content, bytes) else content
    assert not [secret for secret in SECRETS if secret in text], where


def test_coordinators_see_counts_on_every_manage_page_never_who_or_why(client, round, people):
    # urls_for builds the training samples (a booking with both notes) itself.
    mentee = people["mentee"].get_full_name()
    client.force_login(people["coordinator"])
    urls = urls_for(round)
    for name, url in urls:
        response = client.get(url)
        _clean(response, url)
        if name.startswith("consultation") or name.startswith("training"):
            assert mentee not in _body(response).decode(errors="replace"), url
    for name, url in urls:
        if name in (
            "consultation_booking",
            "consultation_booking_cancel",
            "consultation_slot_remove",
        ):
            assert client.post(url, {"trainer_notes": "überschrieben"}).status_code == 404
    page = client.get(reverse("manage:consultations", kwargs=round.url_kwargs))
    assert page.status_code == 200
    assert 'Booked</dt><dd class="col-sm-8">1</dd>' in page.content.decode()


def test_the_partner_and_other_participants_see_nothing(client, round, people):
    samples = training_samples(round, people)
    tandem = Tandem.objects.get(round=round)
    for who in ("mentor", "trainer", "outsider"):
        client.force_login(people[who])
        urls = [
            _url(round, samples, name, keys) for name, method, keys, _ in TABLE if method == "get"
        ]
        urls += [
            reverse("portal:dashboard"),
            reverse("portal:round", kwargs=round.url_kwargs),
            reverse("portal:tandem_workspace", kwargs={**round.url_kwargs, "tandem": tandem.pk}),
            reverse("portal:my_data"),
        ]
        for url in urls:
            _clean(client.get(url), (who, url))
    # The partner's own training pages do not even show that the mentee booked.
    client.force_login(people["mentor"])
    for name in ("training", "consultations"):
        page = client.get(_url(round, samples, name, ())).content.decode()
        assert people["mentee"].get_full_name() not in page, name


def test_no_mail_carries_a_note_and_none_is_in_the_round_outbox(round, people):
    training_samples(round, people)
    for queued in QueuedMail.objects.all():
        _clean((queued.subject + queued.body + queued.calendar).encode(), queued.template_key)
    keys = set(QueuedMail.objects.filter(round=round).values_list("template_key", flat=True))
    assert not [key for key in keys if key.startswith("consultation")]


def test_exports_of_other_people_hold_no_note(round, people):
    training_samples(round, people)
    for who in ("mentor", "coordinator", "outsider"):
        data = json.dumps(export_personal_data(people[who], people[who]), default=str)
        data += json.dumps(personal_data.export(people[who]), default=str)
        _clean(data.encode(), who)
    # The person's own export holds their note, not the trainer's; the trainer's holds theirs.
    own = json.dumps(personal_data.export(people["mentee"]))
    assert BOOKING_NOTE in own and TRAINER_NOTE not in own
    assert TRAINER_NOTE in json.dumps(personal_data.export(people["trainer"]))


def test_the_calendar_files_hold_no_note(client, round, people):
    samples = training_samples(round, people)
    client.force_login(people["mentee"])
    _clean(client.get(_url(round, samples, "consultation_ics", ("booking",))).content, "ics")
    client.force_login(people["trainer"])
    ics = client.get(
        reverse(
            "manage:consultation_booking_ics",
            kwargs={**round.url_kwargs, "booking": samples["booking"]},
        )
    )
    assert ics.status_code == 200
    _clean(ics.content, "trainer ics")


def test_the_trainer_reads_the_note_and_their_notes(client, round, people):
    samples = training_samples(round, people)
    client.force_login(people["trainer"])
    page = client.get(
        reverse(
            "manage:consultation_booking",
            kwargs={**round.url_kwargs, "booking": samples["booking"]},
        )
    )
    assert BOOKING_NOTE in page.content.decode() and TRAINER_NOTE in page.content.decode()
