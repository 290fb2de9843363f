import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.alumni.closing import close_round, closing_preview
from tandem.alumni.models import Alumnus, Certificate, TandemCompletion
from tandem.audit.models import AuditEntry
from tandem.privacy.retention import rounds_past_retention
from tandem.programmes.selectors import rounds_with_end

pytestmark = pytest.mark.django_db


def test_closing_completes_met_tandems_makes_alumni_and_issues_certificates(
    pilot, round, coordinator
):
    assert closing_preview(round).completed == 1
    summary = close_round(round=round, by=coordinator)
    assert (summary.tandems, summary.completed, summary.certificates, summary.alumni) == (
        2,
        1,
        2,
        2,
    )
    completion = TandemCompletion.objects.get()
    assert completion.tandem == pilot["tandem"] and completion.meetings_held == 3
    assert not TandemCompletion.objects.filter(tandem=pilot["quiet"]).exists()
    mentor = Certificate.objects.get(role="mentor")
    mentee = Certificate.objects.get(role="mentee")
    assert mentor.person == pilot["mentor"] and mentee.person == pilot["mentee"]
    assert mentor.meetings_held == mentee.meetings_held == 3  # the cancelled one not
    assert mentor.trainings == ["Mentoring-Schulung Teil 1"] and mentee.trainings == []
    assert mentor.programme_name == round.programme.name
    assert set(Alumnus.objects.values_list("person", flat=True)) == {
        pilot["mentor"].pk,
        pilot["mentee"].pk,
    }
    round.refresh_from_db()
    assert round.closed_on == timezone.localdate() and round.current_phase == "alumni"
    assert AuditEntry.objects.filter(action="round.closed").exists()


def test_a_round_closes_once(closed, round, coordinator):
    with pytest.raises(ValidationError):
        close_round(round=round, by=coordinator)
    assert Certificate.objects.count() == 2


def test_closing_starts_the_retention_clock(pilot, round, coordinator, settings):
    # The phases of the round lie in the future: unclosed, it has not ended.
    ended = rounds_with_end().get(pk=round.pk).ended_on
    assert ended > timezone.localdate()
    close_round(round=round, by=coordinator)
    assert rounds_with_end().get(pk=round.pk).ended_on == timezone.localdate()
    later = timezone.localdate() + dt.timedelta(days=31 * (settings.TANDEM_RETENTION_MONTHS + 1))
    past = rounds_past_retention(months=settings.TANDEM_RETENTION_MONTHS, today=later)
    assert round.pk in [r.pk for r in past]
    soon = timezone.localdate() + dt.timedelta(days=10)
    assert round.pk not in [
        r.pk for r in rounds_past_retention(months=settings.TANDEM_RETENTION_MONTHS, today=soon)
    ]


def test_export_and_erasure_of_alumni_data(closed):
    from tandem.alumni import personal_data
    from tandem.alumni.directory import save_directory_entry

    mentee = closed["mentee"]
    save_directory_entry(
        programme=closed["tandem"].round.programme,
        person=mentee,
        topics=[],
        share_contact=True,
        contact="max@example.org",
    )
    exported = personal_data.export(mentee)
    assert exported["certificates"][0]["meetings_held"] == 3
    assert exported["alumni_directory"][0]["contact"] == "max@example.org"
    assert "Geheim" not in str(exported)
    assert personal_data.erase(mentee) == {"directory_entries": 1, "alumni": 1, "certificates": 1}
    assert personal_data.count(mentee) == {
        "certificates": 0,
        "alumni": 0,
        "directory_entries": 0,
        "completed_tandems": 1,  # goes with the tandem (tandems' own erasure)
    }
