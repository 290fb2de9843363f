"""axe on each htmx fragment once it is swapped into its page, in German and English: the
institution suggestions of the profile form and the progress of a match run (with the
warning that no worker has taken it up)."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone

from tandem.matching.models import MatchRun
from tests.conftest import verified
from tests.factories import InstitutionFactory, OrganisationFactory, RoundFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PASSWORD = "geheimes-passwort-1"


def violations(page) -> list:
    found = Axe().run(page, options=WCAG).response["violations"]
    return [(v["id"], v["impact"], v["nodes"][0]["html"][:160]) for v in found]


def log_in(page, base, person):
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill(person.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/me/**")


def person(language, **extra):
    found = verified(UserFactory(language=language, **extra))
    found.set_password(PASSWORD)
    found.save()
    return found


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_institution_suggestions_are_accessible_once_shown(live_server, browser, language):
    InstitutionFactory(name="Universitätsbibliothek Lindenau")
    context = browser.new_context(locale=language, viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server.url, person(language))
    page.goto(live_server.url + reverse("portal:profile"))
    page.locator("#id_institution_name").fill("ub linden")
    page.locator("#institution-suggestions").get_by_role(
        "button", name="Universitätsbibliothek Lindenau"
    ).wait_for()
    assert page.locator("html").get_attribute("lang") == language
    assert violations(page) == []
    context.close()


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_run_progress_is_accessible_after_each_poll(live_server, browser, settings, language):
    settings.TANDEM_DEMO_SKIPS_MFA = True
    organisation = OrganisationFactory()
    coordinator = person(language, is_demo=True)
    organisation.coordinators.add(coordinator)
    round = RoundFactory(programme__organisation=organisation)
    run = MatchRun.objects.create(
        round=round, number=1, mode="optimal", status="queued", created_by=coordinator
    )
    context = browser.new_context(locale=language, viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server.url, coordinator)
    run_url = reverse("manage:matching_run", kwargs={**round.url_kwargs, "run": run.pk})
    progress_url = reverse("manage:matching_progress", kwargs={**round.url_kwargs, "run": run.pk})
    page.goto(live_server.url + run_url)
    # the first poll swaps the fragment in; then nobody has taken the run up for long
    with page.expect_response(lambda response: progress_url in response.url):
        pass
    page.wait_for_timeout(200)
    assert violations(page) == []
    MatchRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    page.locator("#run-progress .alert-warning").wait_for(timeout=10_000)
    assert "manage.py run_worker" in page.locator("#run-progress").inner_text()
    assert violations(page) == []
    context.close()
