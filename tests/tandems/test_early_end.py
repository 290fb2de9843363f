"""Ending a tandem early: the reason is the coordinators' alone; a new match when early enough."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.audit.models import AuditEntry
from tandem.mail.models import QueuedMail
from tandem.tandems import calendar, early_end, services
from tandem.tandems.enums import MeetingStatus
from tandem.tandems.models import Tandem
from tandem.tandems.selectors import early_end_counts
from tests.conftest import DENIED_ROLES, manage_url, portal_url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SECRET = "Die Chemie stimmt nicht, bitte vertraulich"


@pytest.fixture(autouse=True)
def _fast(fast_passwords):
    pass


@pytest.fixture
def planned(tandem, mentee):
    return services.plan_meeting(
        tandem=tandem,
        by=mentee,
        starts_at=timezone.now() + dt.timedelta(days=5),
        duration_minutes=60,
    )


def test_ending_keeps_the_reason_from_the_partner_and_cancels_planned_meetings(
    tandem, mentee, mentor, coordinator, planned
):
    end = early_end.end_tandem(tandem=tandem, by=mentee, category="fit", reason=SECRET)
    tandem.refresh_from_db()
    planned.refresh_from_db()
    assert tandem.ended_at and end.side == "mentee" and end.reason == SECRET
    assert planned.status == MeetingStatus.CANCELLED and planned.sequence == 1
    assert b"METHOD:CANCEL" in calendar.meeting_ics(planned, mentor)
    partner_mail = QueuedMail.objects.get(template_key="tandem_ended_partner")
    assert partner_mail.to == mentor.email and SECRET not in partner_mail.body
    coordinator_mail = QueuedMail.objects.get(template_key="tandem_ended_coordinators")
    assert coordinator_mail.to == coordinator.email and SECRET not in coordinator_mail.body
    assert "The pairing does not fit" in coordinator_mail.body
    entry = AuditEntry.objects.get(action="tandem.ended_early")
    assert entry.data == {"side": "mentee", "category": "fit", "meetings_cancelled": 1}
    assert SECRET not in str(entry.data)


def test_an_ended_tandem_takes_no_changes_and_ends_once(tandem, mentee, mentor, planned):
    early_end.end_tandem(tandem=tandem, by=mentee, category="time")
    tandem.refresh_from_db()
    with pytest.raises(ValidationError, match="already ended"):
        early_end.end_tandem(tandem=tandem, by=mentor, category="time")
    with pytest.raises(ValidationError, match="has ended"):
        services.add_goal(tandem=tandem, by=mentor, text="Neu")
    with pytest.raises(ValidationError):
        early_end.end_tandem(tandem=tandem, by=UserFactory(), category="time")


def test_bad_input_is_refused_next_to_the_field(tandem, mentee):
    with pytest.raises(ValidationError) as error:
        early_end.end_tandem(tandem=tandem, by=mentee, category="bored", reason="x" * 2001)
    assert set(error.value.message_dict) == {"category", "reason"}
    tandem.refresh_from_db()
    assert tandem.ended_at is None


def test_counts_by_category_for_the_round_report(round, tandem, mentee):
    other = Tandem.objects.create(round=round, mentor=UserFactory(), mentee=UserFactory())
    early_end.end_tandem(tandem=tandem, by=mentee, category="time")
    early_end.end_tandem(tandem=other, by=other.mentor, category="time")
    counts = early_end_counts(round)
    assert counts["time"] == 2 and counts["fit"] == 0
    assert list(counts) == ["time", "job", "fit", "goals", "personal", "other"]


# --- the pages ------------------------------------------------------------------------------


def test_a_member_ends_the_tandem_on_its_page(client, round, tandem, mentee, mentor):
    client.force_login(mentee)
    url = portal_url("tandem_end", round, tandem=tandem.pk)
    assert client.get(url).status_code == 200
    response = client.post(url, {"category": "fit", "reason": SECRET})
    assert response.status_code == 400  # not confirmed
    assert "Please confirm" in response.content.decode()
    response = client.post(url, {"category": "fit", "reason": SECRET, "confirm": "on"})
    assert response.status_code == 302
    workspace = client.get(portal_url("tandem_workspace", round, tandem=tandem.pk))
    assert "ended early" in workspace.content.decode()
    assert SECRET not in workspace.content.decode()
    # The partner reads the tandem as ended, never the reason.
    client.force_login(mentor)
    for name in ("tandem_workspace", "tandem_end"):
        page = client.get(portal_url(name, round, tandem=tandem.pk)).content.decode()
        assert SECRET not in page
    assert "already ended" in page


def test_coordinators_read_the_reason_but_not_the_tandems_notes(
    client, round, tandem, mentee, coordinator, planned
):
    services.add_note(meeting=planned, by=mentee, text="Geheime Notiz", shared=True)
    services.add_goal(tandem=tandem, by=mentee, text="Geheimes Ziel")
    early_end.end_tandem(tandem=tandem, by=mentee, category="fit", reason=SECRET)
    client.force_login(coordinator)
    page = client.get(manage_url("tandems", round)).content.decode()
    assert SECRET in page and "The pairing does not fit" in page
    assert "Geheime Notiz" not in page and "Geheimes Ziel" not in page
    assert "ended early" in page
    for name in ("tandem_workspace", "tandem_end"):
        assert client.get(portal_url(name, round, tandem=tandem.pk)).status_code == 404


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_nobody_else_ends_a_tandem_or_reads_the_reason(client, round, tandem, people, role):
    client.force_login(people[role])
    url = portal_url("tandem_end", round, tandem=tandem.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, {"category": "time", "confirm": "on"}).status_code == 404
    tandem.refresh_from_db()
    assert tandem.ended_at is None
    early_end.end_tandem(tandem=tandem, by=tandem.mentee, category="fit", reason=SECRET)
    assert client.get(manage_url("tandems", round)).status_code == 404


def test_the_export_holds_ones_own_reason_and_erasure_removes_it(tandem, mentee):
    from tandem.tandems.personal_data import erase, export

    early_end.end_tandem(tandem=tandem, by=mentee, category="fit", reason=SECRET)
    assert export(mentee)["tandems_ended_early"][0]["reason"] == SECRET
    assert export(tandem.mentor)["tandems_ended_early"] == []
    assert erase(mentee)["early_end_reasons"] == 1
    assert early_end_counts(tandem.round)["fit"] == 1
