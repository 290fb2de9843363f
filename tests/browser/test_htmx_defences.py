"""htmx in a real browser: the page's own search works; hx- attributes in content do nothing."""

import pytest

from tests.conftest import verified
from tests.factories import InstitutionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server):
    person = verified(UserFactory(email="laura@example.org", name="Laura", language="de"))
    person.set_password("geheimes-passwort-1")
    person.save()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-Mail").fill("laura@example.org")
    page.get_by_label("Passwort").fill("geheimes-passwort-1")
    page.locator("main").get_by_role("button", name="Anmeldung").click()
    page.wait_for_url("**/me/**")


def test_institution_search_works_and_injected_htmx_elements_stay_inert(live_server, page):
    InstitutionFactory(name="Universitätsbibliothek Lindenau")
    log_in(page, live_server)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_server.url + "/me/profile/")
    assert page.evaluate("htmx.config.allowEval") is False
    assert page.evaluate("htmx.config.selfRequestsOnly") is True
    page.locator("#id_institution_name").fill("ub linden")
    page.get_by_role("button", name="Universitätsbibliothek Lindenau").wait_for()

    # Content that a person wrote, had it slipped through unescaped: htmx ignores it both in
    # the suggestions (hx-disable) and in the content of a page without htmx of its own.
    inject = """(where) => { const b = document.createElement('b');
        b.setAttribute('hx-get', '/probe-' + where + '/'); b.setAttribute('hx-trigger', 'load');
        document.querySelector(where === 'suggestions' ? '#institution-suggestions' : 'main')
          .appendChild(b); htmx.process(b); }"""
    page.evaluate(inject, "suggestions")
    page.goto(live_server.url + "/me/")
    page.evaluate(inject, "main")
    page.wait_for_timeout(500)
    assert not [url for url in requests if "/probe-" in url]
