"""Reminders to quiet tandems: the daily command and task, and the coordinators' button."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from tandem.audit.models import AuditEntry
from tandem.mail.models import QueuedMail
from tandem.programmes.enums import PhaseKind
from tandem.tandems import nudges
from tandem.tandems.enums import MeetingStatus
from tandem.tandems.models import Meeting, Tandem
from tests.conftest import DENIED_ROLES, manage_url, portal_url
from tests.factories import RoundFactory, UserFactory

pytestmark = pytest.mark.django_db

AGENDA = "Geheime Agenda: Ärger mit der Chefin"


@pytest.fixture
def quiet_tandem(round, tandem):
    round.current_phase = PhaseKind.TANDEM_PHASE
    round.save(update_fields=["current_phase"])
    Tandem.objects.filter(pk=tandem.pk).update(created_at=timezone.now() - dt.timedelta(days=80))
    Meeting.objects.create(
        tandem=tandem,
        starts_at=timezone.now() - dt.timedelta(days=40),
        status=MeetingStatus.HELD,
        agenda=AGENDA,
    )
    return tandem


def nudge_mails():
    return QueuedMail.objects.filter(template_key="tandem_nudge")


def test_both_persons_of_a_quiet_tandem_are_reminded_once(quiet_tandem, mentor, mentee):
    assert nudges.nudge_quiet_tandems() == 1
    mails = nudge_mails()
    assert sorted(mails.values_list("to", flat=True)) == sorted([mentor.email, mentee.email])
    mail = mails.get(recipient=mentee)
    assert mentor.get_full_name() in mail.body and "every 4 weeks" in mail.body
    assert portal_url("tandem_polls", quiet_tandem.round) in mail.body
    assert AGENDA not in mail.body
    quiet_tandem.refresh_from_db()
    assert quiet_tandem.last_nudged_at is not None
    entry = AuditEntry.objects.get(action="tandem.nudged")
    assert entry.actor is None and entry.data == {"automatic": True}
    assert nudges.nudge_quiet_tandems() == 0
    assert nudge_mails().count() == 2


def test_at_most_once_every_14_days(quiet_tandem):
    start = timezone.now()
    nudges.nudge_quiet_tandems(now=start)
    assert nudges.nudge_quiet_tandems(now=start + dt.timedelta(days=13)) == 0
    assert nudges.nudge_quiet_tandems(now=start + dt.timedelta(days=14, minutes=1)) == 1
    assert nudge_mails().count() == 4


def test_tandems_that_meet_are_left_alone(quiet_tandem):
    Meeting.objects.create(
        tandem=quiet_tandem,
        status=MeetingStatus.PLANNED,
        starts_at=timezone.now() + dt.timedelta(days=5),
    )
    assert nudges.nudge_quiet_tandems() == 0
    assert not nudge_mails().exists()


def test_only_rounds_in_their_tandem_phase(quiet_tandem, round):
    round.current_phase = PhaseKind.EVALUATION
    round.save(update_fields=["current_phase"])
    assert nudges.nudge_quiet_tandems() == 0


def test_quiet_tandems_of_other_rounds_are_reminded_too(quiet_tandem):
    elsewhere = RoundFactory(current_phase=PhaseKind.TANDEM_PHASE)
    other = Tandem.objects.create(round=elsewhere, mentor=UserFactory(), mentee=UserFactory())
    Tandem.objects.filter(pk=other.pk).update(created_at=timezone.now() - dt.timedelta(days=60))
    assert nudges.nudge_quiet_tandems() == 2
    assert nudge_mails().filter(round=elsewhere).count() == 2


def test_an_inactive_person_gets_no_mail(quiet_tandem, mentor, mentee):
    mentor.is_active = False
    mentor.save(update_fields=["is_active"])
    nudges.nudge_quiet_tandems()
    assert list(nudge_mails().values_list("recipient", flat=True)) == [mentee.pk]


def test_the_command_and_the_task(quiet_tandem):
    out = StringIO()
    call_command("nudge_quiet_tandems", stdout=out)
    assert "reminded 1 quiet tandem" in out.getvalue()
    with time_machine.travel(timezone.now() + dt.timedelta(days=15)):
        result = nudges.send_nudges.enqueue()
        assert result.return_value == 1
    assert nudge_mails().count() == 4


def test_the_service_refuses_tandems_that_are_not_quiet_or_were_just_reminded(tandem, mentee):
    with pytest.raises(ValidationError, match="no reminder is needed"):
        nudges.nudge_tandem(tandem=tandem, by=None)
    Tandem.objects.filter(pk=tandem.pk).update(
        created_at=timezone.now() - dt.timedelta(days=60),
        last_nudged_at=timezone.now() - dt.timedelta(days=3),
    )
    with pytest.raises(ValidationError, match="The next reminder is possible from"):
        nudges.nudge_tandem(tandem=tandem, by=None)
    assert not nudge_mails().exists()


# --- the coordinators' button ------------------------------------------------------------------


def nudge(client, person, round, tandem_pk):
    client.force_login(person)
    return client.post(manage_url("tandem_nudge", round), {"tandem": tandem_pk})


def test_a_coordinator_nudges_a_quiet_tandem(client, round, coordinator, quiet_tandem):
    response = nudge(client, coordinator, round, quiet_tandem.pk)
    assert response.status_code == 302
    assert response["Location"] == manage_url("tandems", round)
    assert nudge_mails().count() == 2
    entry = AuditEntry.objects.get(action="tandem.nudged")
    assert entry.actor == coordinator and entry.data == {"automatic": False}
    html = client.get(response["Location"]).content.decode()
    assert "have been reminded" in html
    assert "reminded on" in html and 'name="tandem"' not in html  # no second button yet
    # a second click (e.g. an old tab) is refused with a message, nothing is sent
    response = nudge(client, coordinator, round, quiet_tandem.pk)
    html = client.get(response["Location"]).content.decode()
    assert "The next reminder is possible from" in html
    assert nudge_mails().count() == 2


def test_nudging_a_tandem_that_meets_is_refused(client, round, coordinator, tandem):
    response = nudge(client, coordinator, round, tandem.pk)
    html = client.get(response["Location"]).content.decode()
    assert "no reminder is needed" in html
    assert not nudge_mails().exists()
    tandem.refresh_from_db()
    assert tandem.last_nudged_at is None


def test_a_tandem_of_another_round_or_no_tandem_is_404(client, round, coordinator, quiet_tandem):
    elsewhere = RoundFactory(programme=round.programme)
    other = Tandem.objects.create(round=elsewhere, mentor=UserFactory(), mentee=UserFactory())
    for wanted in (other.pk, "", "abc", 99999):
        assert nudge(client, coordinator, round, wanted).status_code == 404
    assert not nudge_mails().exists()


def test_the_button_takes_no_get(client, round, coordinator):
    client.force_login(coordinator)
    assert client.get(manage_url("tandem_nudge", round)).status_code == 405


@pytest.mark.parametrize("who", DENIED_ROLES)
def test_nobody_else_may_nudge(client, round, people, quiet_tandem, who):
    entries = AuditEntry.objects.count()
    assert nudge(client, people[who], round, quiet_tandem.pk).status_code == 404
    assert not nudge_mails().exists()
    assert AuditEntry.objects.count() == entries


def test_members_may_not_nudge_themselves(client, round, quiet_tandem, mentor):
    assert nudge(client, mentor, round, quiet_tandem.pk).status_code == 404
    assert not nudge_mails().exists()


def test_anonymous_is_sent_to_login(client, round, quiet_tandem):
    response = client.post(manage_url("tandem_nudge", round), {"tandem": quiet_tandem.pk})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not nudge_mails().exists()
