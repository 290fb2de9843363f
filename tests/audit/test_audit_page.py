"""The audit page, its CSV, and the entries for logins and second factors (issue 16)."""

import csv
import io

import pytest
from allauth.account.signals import user_logged_in
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth import authenticate
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from tandem.audit.models import AuditEntry
from tandem.audit.services import log_action
from tests.conftest import verified, with_totp
from tests.factories import OrganisationFactory, ProgrammeFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(fast_passwords):
    pass


@pytest.fixture
def two_organisations():
    mine, theirs = OrganisationFactory(name="Mein Verbund"), OrganisationFactory(name="Fremd")
    round = RoundFactory(programme=ProgrammeFactory(organisation=mine), name="Runde Eins")
    foreign = RoundFactory(programme=ProgrammeFactory(organisation=theirs))
    coordinator = with_totp(verified(UserFactory(name="Cora Koordination")))
    mine.coordinators.add(coordinator)
    log_action(coordinator, "round.updated", round, programme_round=round)
    log_action(coordinator, "organisation.coordinator_added", mine, data={"person": 7})
    log_action(None, "round.updated", foreign, programme_round=foreign)
    return mine, round, coordinator


def test_a_coordinator_reads_their_organisations_entries_also_of_a_deleted_round(
    client, two_organisations
):
    mine, round, coordinator = two_organisations
    round.delete()
    client.force_login(coordinator)
    page = client.get(reverse("manage:organisation_audit_log", kwargs={"org": mine.slug}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "round.updated" in text and "organisation.coordinator_added" in text
    assert "Runde Eins" in text
    assert "Fremd" not in text


def test_filter_and_csv(client, two_organisations):
    mine, _round, coordinator = two_organisations
    client.force_login(coordinator)
    url = reverse("manage:organisation_audit_log_csv", kwargs={"org": mine.slug})
    response = client.get(url, {"action": "coordinator_added"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["time_utc", "actor_id", "actor", "action"]
    assert [row[3] for row in rows[1:]] == ["organisation.coordinator_added"]
    assert rows[1][2] == "Cora Koordination" and rows[1][0].endswith("+00:00")


def test_a_bad_filter_is_answered_next_to_the_field(client, two_organisations):
    mine, _round, coordinator = two_organisations
    client.force_login(coordinator)
    url = reverse("manage:organisation_audit_log", kwargs={"org": mine.slug})
    response = client.get(url, {"since": "2027-05-02", "until": "2027-05-01"})
    assert response.status_code == 400
    assert "The end lies before the start." in response.content.decode()


def test_operators_read_every_entry_and_others_get_404(client, two_organisations):
    _mine, _round, coordinator = two_organisations
    staff = with_totp(verified(UserFactory(is_staff=True)))
    client.force_login(staff)
    text = client.get(reverse("manage:audit_log")).content.decode()
    assert text.count("round.updated") == 2
    client.force_login(coordinator)
    assert client.get(reverse("manage:audit_log")).status_code == 404


def test_a_csv_cell_never_starts_a_formula(client):
    staff = with_totp(verified(UserFactory(is_staff=True, name="=HYPERLINK(1)")))
    log_action(staff, "round.updated", staff)
    client.force_login(staff)
    body = client.get(reverse("manage:audit_log_csv")).content.decode()
    assert "'=HYPERLINK(1)" in body


def test_logins_failed_logins_and_second_factors_are_logged_without_secrets(rf):
    person = verified(UserFactory(email="lena@example.org"))
    person.set_password("Richtig-geheim-42")
    person.save()
    request = rf.post("/accounts/login/")
    request.session = SessionStore()
    user_logged_in.send(sender=type(person), request=request, response=None, user=person)
    assert authenticate(request, email="lena@example.org", password="falsch-geheim") is None
    assert authenticate(request, email="nobody@example.org", password="anders-geheim") is None
    factor = Authenticator.objects.create(user=person, type="totp", data={"secret": "JBSWY3DP"})
    authenticator_added.send(
        sender=Authenticator, request=request, user=person, authenticator=factor
    )
    authenticator_removed.send(
        sender=Authenticator, request=request, user=person, authenticator=factor
    )

    actions = list(AuditEntry.objects.order_by("pk").values_list("action", "object_id"))
    assert actions == [
        ("account.logged_in", str(person.pk)),
        ("account.login_failed", str(person.pk)),
        ("account.login_failed", ""),
        ("account.second_factor_added", str(person.pk)),
        ("account.second_factor_removed", str(person.pk)),
    ]
    stored = str(list(AuditEntry.objects.values()))
    for secret in ("geheim", "nobody@example.org", "JBSWY3DP"):
        assert secret not in stored


def test_records_of_processing_page_and_pdf(client, two_organisations):
    _mine, _round, coordinator = two_organisations
    client.force_login(coordinator)
    page = client.get(reverse("manage:records_of_processing")).content.decode()
    assert "tandems.Note" in page and "tandem_mail.QueuedMail" in page
    pdf = client.get(reverse("manage:records_of_processing_pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    outsider = with_totp(verified(UserFactory()))
    client.force_login(outsider)
    assert client.get(reverse("manage:records_of_processing")).status_code == 404
