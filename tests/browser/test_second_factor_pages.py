"""The authenticator set-up page in German and English: in the reader's language, and axe
finds nothing (the whole-round walk sees it in English only)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import verified
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PASSWORD = "geheimes-passwort-1"
HEADING = {"de": "Authenticator-App aktivieren", "en": "Activate Authenticator App"}


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_authenticator_set_up_page_is_accessible(live_server, browser, language):
    person = verified(UserFactory(language=language))
    person.set_password(PASSWORD)
    person.save()
    context = browser.new_context(locale=language, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=login]").fill(person.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/me/**")
    page.goto(live_server.url + "/accounts/2fa/totp/activate/")
    if "reauthenticate" in page.url:  # allauth asks for the password again first
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/2fa/totp/activate/**")
    assert page.locator("html").get_attribute("lang") == language
    page.locator("#authenticator_secret").wait_for(state="attached")
    assert page.locator("h1").inner_text() == HEADING[language]
    found = Axe().run(page, options=WCAG).response["violations"]
    assert [(v["id"], v["nodes"][0]["html"][:160]) for v in found] == []
    context.close()
