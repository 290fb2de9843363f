"""The round report counts tandems ended early by reason, never with the reason's words."""

import pytest
from django.urls import reverse

from tandem.evaluation.report import round_report
from tandem.tandems.early_end import end_tandem
from tandem.tandems.enums import EndCategory
from tandem.tandems.models import Tandem

pytestmark = pytest.mark.django_db


def test_early_ends_are_counted_by_reason_without_their_words(round, people, client):
    tandem = Tandem.objects.create(round=round, mentor=people["mentor"], mentee=people["mentee"])
    category = EndCategory.values[0]
    end_tandem(tandem=tandem, by=people["mentee"], category=category, reason="Geheimer Grund 93")
    report = round_report(round, people["coordinator"])
    assert report.early_end.total == 1
    assert dict(report.early_end.by_reason)[str(EndCategory(category).label)] == 1
    client.force_login(people["coordinator"])
    page = client.get(reverse("manage:round_report", kwargs=round.url_kwargs)).content.decode()
    assert "1 tandem ended early." in page and "Geheimer Grund 93" not in page
    xlsx = client.get(reverse("manage:round_report_xlsx", kwargs=round.url_kwargs))
    assert b"Geheimer Grund 93" not in xlsx.content


def test_no_early_end_says_so(round, people, client):
    client.force_login(people["coordinator"])
    page = client.get(reverse("manage:round_report", kwargs=round.url_kwargs)).content.decode()
    assert "No tandem ended early." in page
