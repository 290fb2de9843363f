"""The demo's tandem is a living workspace: meetings held and planned, notes, a poll, goals."""

import pytest

from tandem.demo import stages
from tandem.tandems.enums import MeetingStatus
from tandem.tandems.models import DatePoll, GoalReflection, Note, Tandem
from tests.conftest import portal_url

pytestmark = pytest.mark.django_db


def test_the_demo_tandem_has_a_living_workspace(client, fast_passwords):
    stages.build("training")
    tandem = Tandem.objects.get()
    statuses = sorted(tandem.meetings.values_list("status", flat=True))
    assert statuses == [MeetingStatus.HELD, MeetingStatus.PLANNED]
    assert tandem.agreement.confirmed and tandem.goals.count() == 2
    assert GoalReflection.objects.filter(goal__tandem=tandem).count() == 1
    assert Note.objects.filter(meeting__tandem=tandem, shared=True).count() == 1
    assert DatePoll.objects.filter(tandem=tandem, closed_at__isnull=True).count() == 1
    client.force_login(tandem.mentee)
    page = client.get(portal_url("tandem_workspace", tandem.round, tandem=tandem.pk))
    html = page.content.decode()
    assert page.status_code == 200 and "Datenquellen für das Monitoring" in html
    stages.build("training")  # idempotent
    assert tandem.meetings.count() == 2 and DatePoll.objects.count() == 1
