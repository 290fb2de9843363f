"""Coordinator and mentee pages of recruitment, applications, e-mail and personal data in a
real browser, in German, each checked with axe (WCAG 2.1 AA: no serious violations)."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tandem.applications.models import Application
from tandem.programmes.models import Round
from tandem.recruitment.enums import CandidateStatus
from tandem.recruitment.models import Candidate
from tandem.tandems.models import Tandem

from .test_coordinator_flow import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "tandem-demo-2026"


def log_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Anmeldung").click()
    page.wait_for_url("**/me/")


@pytest.fixture
def demo_round(settings):
    settings.TANDEM_DEMO_SKIPS_MFA = True
    call_command("demo", stage="applications", stdout=io.StringIO())
    return Round.objects.get()


def test_coordinator_pages_of_recruitment_mail_and_applications(live_server, page, demo_round):
    log_in(page, live_server, "koordination@example.org")
    kwargs = demo_round.url_kwargs

    page.goto(live_server.url + reverse("manage:recruitment_candidates", kwargs=kwargs))
    assert_accessible(page)
    candidate = Candidate.objects.get(status=CandidateStatus.IDEA)
    page.get_by_role("link", name=candidate.name).click()
    assert_accessible(page)
    page.get_by_label("Neuer Status").select_option("declined")
    page.get_by_role("button", name="Status setzen").click()
    page.get_by_text("ist jetzt „Abgelehnt“").wait_for()
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.DECLINED

    page.goto(live_server.url + reverse("manage:mail_texts", kwargs=kwargs))
    assert_accessible(page)
    page.get_by_role("link", name="Bearbeiten").nth(2).click()  # the reminder
    page.get_by_label("Text (Deutsch)").fill("Guten Tag {{ nme }}")
    page.get_by_role("button", name="Vorschau zeigen, ohne zu speichern").click()
    page.locator("#id_body_de_error").get_by_text("Unbekannter Platzhalter: nme").wait_for()
    assert page.get_by_label("Text (Deutsch)").get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    page.goto(live_server.url + reverse("manage:mail_outbox", kwargs=kwargs))
    assert_accessible(page)

    page.goto(live_server.url + reverse("manage:application_list", kwargs=kwargs))
    assert_accessible(page)
    first = Application.objects.filter(round=demo_round).order_by("person__name").first()
    page.get_by_role("link", name=first.person.name, exact=True).click()
    page.get_by_role("heading", name=first.person.name).wait_for()
    assert_accessible(page)


def test_mentee_pages_dashboard_application_and_my_data(live_server, page, demo_round):
    log_in(page, live_server, "mentee.demir@example.org")
    assert_accessible(page)
    page.goto(live_server.url + reverse("portal:application_apply", kwargs=demo_round.url_kwargs))
    page.get_by_role("heading", level=1).wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Meine Übersicht").click()
    page.get_by_role("link", name="Meine Daten").click()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Meine Daten herunterladen (JSON)").click()
    content = Path(download.value.path()).read_text(encoding="utf-8")
    assert "mentee.demir@example.org" in content
    # Deleting without confirming: messages next to the fields, nothing deleted.
    page.get_by_role("button", name="Mein Konto löschen").click()
    page.get_by_text("Bitte kreuzen Sie das Kästchen zur Bestätigung an.").wait_for()
    assert_accessible(page)
    assert Application.objects.filter(person__email="mentee.demir@example.org").exists()


def test_matching_pages_for_coordinator_and_mentee(live_server, page, settings):
    settings.TANDEM_DEMO_SKIPS_MFA = True
    call_command("demo", stage="matching", stdout=io.StringIO())
    round = Round.objects.get()
    kwargs = round.url_kwargs
    log_in(page, live_server, "koordination@example.org")
    page.goto(live_server.url + reverse("manage:matching", kwargs=kwargs))
    assert_accessible(page)
    page.get_by_label("Mindestpassung (%)").fill("150")
    page.get_by_role("button", name="Matching starten").click()
    assert page.get_by_label("Mindestpassung (%)").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    page.get_by_label("Mindestpassung (%)").fill("25")
    page.get_by_role("button", name="Matching starten").click()
    page.get_by_role("heading", name="Matching-Lauf 3").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Lücken im Angebot (Lauf 3)").click()
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, live_server, "mentee.becker@example.org")
    page.get_by_role("link", name="Ein Tandem-Vorschlag wartet auf Ihre Antwort").or_(
        page.get_by_role("heading", name="Ein Tandem-Vorschlag wartet auf Ihre Antwort")
    ).first.wait_for()
    page.goto(live_server.url + reverse("portal:proposal", kwargs=kwargs))
    assert_accessible(page)
    page.get_by_label("Nein, das passt nicht").check()
    page.get_by_role("button", name="Antwort senden").click()
    page.get_by_text("warum es nicht passt").first.wait_for()
    assert_accessible(page)


def test_tandem_workspace_polls_and_overview(live_server, page, settings):
    settings.TANDEM_DEMO_SKIPS_MFA = True
    call_command("demo", stage="matching", stdout=io.StringIO())
    kwargs = Round.objects.get().url_kwargs
    # The demo's tandem is the first run's best pair, whoever the method ranks first.
    log_in(page, live_server, Tandem.objects.get().mentee.email)
    page.goto(live_server.url + reverse("portal:tandem", kwargs=kwargs))
    page.get_by_text("Ein geschützter Raum.").wait_for()
    assert_accessible(page)
    page.goto(live_server.url + reverse("portal:tandem_polls", kwargs=kwargs))
    assert_accessible(page)
    page.get_by_role("button", name="Umfrage eröffnen").click()
    page.get_by_text("Bitte schlagen Sie mindestens zwei Termine vor.").first.wait_for()
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, live_server, "koordination@example.org")
    page.goto(live_server.url + reverse("manage:tandems", kwargs=kwargs))
    assert_accessible(page)
