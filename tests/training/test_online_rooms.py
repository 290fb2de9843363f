"""Into the BigBlueButton room of a tandem, a training session or a consultation.

A small BigBlueButton server runs on the loopback interface for these tests: it checks
each call's checksum with the shared secret exactly as BigBlueButton does and answers
with BigBlueButton's XML, so the platform's create call really travels over HTTP.
"""

import http.server
import threading
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from tandem.core import meeting_links
from tandem.tandems.models import Tandem
from tandem.training import consultations, services

from .conftest import soon

SECRET = "8cd8ef52e8e101574e400365b55e11a6"
SUCCESS = b"<response><returncode>SUCCESS</returncode><meetingID>x</meetingID></response>"
FAILED = (
    b"<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey></response>"
)


class FakeBBB(http.server.BaseHTTPRequestHandler):
    calls: list = []
    answer_failed = False

    def do_GET(self):
        parts = urlsplit(self.path)
        call = parts.path.rsplit("/", 1)[-1]
        query, _, checksum = parts.query.rpartition("&checksum=")
        ok = checksum == meeting_links.bbb_checksum(call, query, SECRET)
        type(self).calls.append((call, dict(parse_qsl(query)), ok))
        body = SUCCESS if ok and not type(self).answer_failed else FAILED
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def bbb(settings):
    FakeBBB.calls = []
    FakeBBB.answer_failed = False
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeBBB)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.TANDEM_MEETING_PROVIDER = "bbb"
    settings.TANDEM_BBB_URL = f"http://127.0.0.1:{server.server_port}/bigbluebutton/"
    settings.TANDEM_BBB_SECRET = SECRET
    yield FakeBBB
    server.shutdown()
    server.server_close()


@pytest.fixture
def tandem(round, people):
    return Tandem.objects.create(round=round, mentor=people["mentor"], mentee=people["mentee"])


@pytest.fixture
def booking(slot, people):
    return consultations.book_consultation(slot=slot, person=people["mentee"], note="")


def tandem_room(tandem):
    return reverse(
        "portal:tandem_online_room", kwargs={**tandem.round.url_kwargs, "tandem": tandem.pk}
    )


def session_room(session):
    kwargs = {**session.round.url_kwargs, "session": session.pk}
    return reverse("portal:training_online_room", kwargs=kwargs)


def consultation_room(booking):
    kwargs = {**booking.slot.round.url_kwargs, "booking": booking.pk}
    return reverse("portal:consultation_online_room", kwargs=kwargs)


def enter(client, person, url):
    client.force_login(person)
    return client.get(url)


def joined_as(response) -> dict:
    """The join URL's parameters, after checking its signature."""
    assert response.status_code == 302
    parts = urlsplit(response["Location"])
    assert parts.path.endswith("/api/join")
    query, _, checksum = parts.query.rpartition("&checksum=")
    assert checksum == meeting_links.bbb_checksum("join", query, SECRET)
    return dict(parse_qsl(query))


@pytest.mark.django_db
def test_the_mentor_moderates_and_the_mentee_joins_the_same_room(client, bbb, tandem, people):
    mentor = joined_as(enter(client, people["mentor"], tandem_room(tandem)))
    mentee = joined_as(enter(client, people["mentee"], tandem_room(tandem)))
    assert mentor["role"] == "MODERATOR" and mentee["role"] == "VIEWER"
    assert mentor["meetingID"] == mentee["meetingID"] == meeting_links.room_id("tandem", tandem.pk)
    assert mentee["fullName"] == people["mentee"].get_full_name()
    # The room was opened on the server with a valid signature, under a neutral name.
    assert [(call, ok) for call, _, ok in bbb.calls] == [("create", True), ("create", True)]
    assert bbb.calls[0][1]["name"] == "Tandem meeting"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coordinator", "trainer", "outsider", "foreign_coordinator"])
def test_nobody_else_enters_a_tandems_room(client, bbb, tandem, people, role):
    assert enter(client, people[role], tandem_room(tandem)).status_code == 404
    assert bbb.calls == []


@pytest.mark.django_db
def test_without_bigbluebutton_there_is_no_room_and_no_button(client, tandem, people):
    assert enter(client, people["mentor"], tandem_room(tandem)).status_code == 404
    workspace = client.get(reverse("portal:tandem", kwargs=tandem.round.url_kwargs))
    assert "Enter your online room" not in workspace.content.decode()


@pytest.mark.django_db
def test_the_workspace_offers_the_room(client, bbb, tandem, people):
    client.force_login(people["mentee"])
    page = client.get(reverse("portal:tandem", kwargs=tandem.round.url_kwargs)).content.decode()
    assert f'href="{tandem_room(tandem)}"' in page


@pytest.mark.django_db
def test_a_server_that_does_not_answer_gives_a_clear_page(client, bbb, tandem, people, settings):
    settings.TANDEM_BBB_URL = "http://127.0.0.1:9/bigbluebutton/"  # nothing listens there
    response = enter(client, people["mentor"], tandem_room(tandem))
    assert response.status_code == 503
    assert "The video server does not answer" in response.content.decode()


@pytest.mark.django_db
def test_a_refused_create_call_gives_the_same_page(client, bbb, tandem, people):
    bbb.answer_failed = True
    response = enter(client, people["mentor"], tandem_room(tandem))
    assert response.status_code == 503


@pytest.mark.django_db
def test_a_wrong_secret_is_refused_by_the_server(client, bbb, tandem, people, settings):
    settings.TANDEM_BBB_SECRET = "not-the-servers-secret"
    assert enter(client, people["mentor"], tandem_room(tandem)).status_code == 503
    assert bbb.calls[0][2] is False


@pytest.mark.django_db
def test_training_the_trainer_moderates_the_invited_join(client, bbb, invited, people):
    trainer = joined_as(enter(client, people["trainer"], session_room(invited)))
    mentor = joined_as(enter(client, people["mentor"], session_room(invited)))
    assert trainer["role"] == "MODERATOR" and mentor["role"] == "VIEWER"
    assert bbb.calls[0][1]["name"] == "Gesprächsführung"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["outsider", "foreign_coordinator", "mentee"])
def test_training_room_is_for_the_invited_only(client, bbb, round, people, role):
    session = services.create_session(
        round=round,
        by=people["trainer"],
        title="Nur Mentorinnen",
        starts_at=soon(),
        duration_minutes=60,
        online_url="",
        description="",
    )
    services.invite_to_session(session=session, by=people["trainer"])  # mentors by default
    assert enter(client, people[role], session_room(session)).status_code == 404


@pytest.mark.django_db
def test_consultation_the_trainer_moderates_the_booker_joins(client, bbb, booking, people):
    trainer = joined_as(enter(client, people["trainer"], consultation_room(booking)))
    mentee = joined_as(enter(client, people["mentee"], consultation_room(booking)))
    assert trainer["role"] == "MODERATOR" and mentee["role"] == "VIEWER"
    assert trainer["meetingID"] == meeting_links.room_id("consultation", booking.pk)
    assert bbb.calls[0][1]["name"] == "Consultation"  # never who or why


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["mentor", "coordinator", "outsider"])
def test_a_consultation_room_is_for_its_two_people(client, bbb, booking, people, role):
    assert enter(client, people[role], consultation_room(booking)).status_code == 404


@pytest.mark.django_db
def test_a_cancelled_consultation_has_no_room(client, bbb, booking, people):
    consultations.cancel_booking(booking=booking, by=people["mentee"])
    assert enter(client, people["mentee"], consultation_room(booking)).status_code == 404


def test_room_ids_are_stable_unguessable_and_distinct():
    first = meeting_links.room_id("tandem", 1)
    assert first == meeting_links.room_id("tandem", 1)
    assert len(first) == 32 and "tandem" not in first
    assert (
        len({first, meeting_links.room_id("tandem", 2), meeting_links.room_id("training", 1)}) == 3
    )


@pytest.mark.django_db
def test_with_jitsi_a_new_agreement_proposes_a_fresh_room(client, tandem, people, settings):
    settings.TANDEM_MEETING_PROVIDER = "jitsi"
    settings.TANDEM_JITSI_URL = "https://meet.example.org"
    client.force_login(people["mentee"])
    page = client.get(reverse("portal:tandem", kwargs=tandem.round.url_kwargs)).content.decode()
    assert 'value="https://meet.example.org/tandem-' in page
