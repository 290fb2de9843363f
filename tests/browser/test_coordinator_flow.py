"""A coordinator sets up organisation, programme and round in a real browser, in German."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tandem.programmes.models import Round
from tests.conftest import verified
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def assert_accessible(page):
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert not serious, [(v["id"], v["nodes"][0]["html"]) for v in serious]


def test_coordinator_sets_up_a_round(live_server, page, settings):
    settings.TANDEM_DEMO_SKIPS_MFA = True
    person = verified(
        UserFactory(
            email="koordination@example.org",
            name="Katrin Albers",
            is_demo=True,
            is_staff=True,
            language="de",
        )
    )
    person.set_password("geheimes-passwort-1")
    person.save()

    page.goto(live_server.url + "/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert_accessible(page)
    page.get_by_label("E-Mail").fill("koordination@example.org")
    page.get_by_label("Passwort").fill("geheimes-passwort-1")
    page.locator("main").get_by_role("button", name="Anmeldung").click()
    page.wait_for_url("**/me/")
    assert_accessible(page)

    page.get_by_role("link", name="Koordination").click()
    page.get_by_label("Name der Organisation").fill("Netzwerk Bibliometrie")
    page.get_by_role("button", name="Organisation anlegen").click()
    page.get_by_label("Name des Programms").fill("Peer-Mentoring OA")
    page.get_by_role("button", name="Programm anlegen").click()
    assert page.get_by_role("cell", name="publication_monitoring").is_visible()
    page.get_by_role("link", name="Durchlauf anlegen").click()
    assert_accessible(page)
    page.get_by_label("Name des Durchlaufs").fill("Durchlauf 2027")
    page.get_by_role("button", name="Durchlauf anlegen").click()

    page.get_by_role("heading", name="Durchlauf 2027").wait_for()
    assert page.locator('[aria-current="step"]').inner_text().startswith("Einrichtung")
    assert_accessible(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "round.png"), full_page=True)

    page.get_by_label("Aktuelle Phase").select_option("recruitment")
    page.get_by_role("button", name="Durchlauf in diese Phase versetzen").click()
    page.locator('[aria-current="step"]').get_by_text("Mentor*innen-Gewinnung").wait_for()
    assert Round.objects.get(name="Durchlauf 2027").current_phase == "recruitment"

    page.get_by_label("Sprache").select_option("en")
    page.get_by_role("button", name="Wechseln").click()
    page.get_by_role("heading", name="Timeline").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
