"""A mentee answers a survey and a coordinator reads the results, in a real browser, in
German, at phone width: each page axe-clean (WCAG 2.1 AA: no serious violations) and
nothing scrolls sideways."""

import datetime as dt

import pytest
from django.utils import timezone

from tandem.programmes.enums import RoleKind
from tandem.surveys import services
from tests.conftest import verified
from tests.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    RoundFactory,
    RoundRoleFactory,
    UserFactory,
)

from .test_coordinator_flow import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "geheimes-passwort-1"


def _person(email, **extra):
    person = verified(UserFactory(email=email, language="de", is_demo=True, **extra))
    person.set_password(PASSWORD)
    person.save()
    return person


def _login(page, base, email):
    page.goto(base + "/accounts/login/")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Anmeldung").click()
    page.wait_for_url("**/me/")


def _check(page):
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_mentee_answers_and_the_coordinator_reads_results(live_server, browser, settings):
    settings.TANDEM_DEMO_SKIPS_MFA = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    round = RoundFactory(programme=ProgrammeFactory(organisation=OrganisationFactory()))
    coordinator = _person("koordination@example.org")
    round.programme.organisation.coordinators.add(coordinator)
    mentee = _person("mentee@example.org")
    RoundRoleFactory(round=round, person=mentee, role=RoleKind.MENTEE)
    others = []
    for number in range(5):
        other = _person(f"mentor{number}@example.org")
        RoundRoleFactory(round=round, person=other, role=RoleKind.MENTOR)
        others.append(other)
    open_survey = services.create_survey(round=round, template_key="final", by=coordinator)
    closes_on = timezone.localdate() + dt.timedelta(days=14)
    services.open_survey(survey=open_survey, by=coordinator, closes_on=closes_on)
    closed = services.create_survey(round=round, template_key="midterm", by=coordinator)
    services.open_survey(survey=closed, by=coordinator)
    fit = closed.items.get(key="fit")
    for other in others:
        services.submit_answers(survey=closed, person=other, raw={f"item-{fit.pk}": ["4"]})
    services.close_survey(survey=closed, by=coordinator)

    context = browser.new_context(locale="de-DE", viewport={"width": 375, "height": 800})
    page = context.new_page()
    _login(page, live_server.url, mentee.email)
    page.get_by_role("link", name="Eine Befragung wartet auf Ihre Antworten").first.click()
    page.get_by_text("mindestens 5 Personen").first.wait_for()
    page.get_by_text("Antworten bis einschließlich").wait_for()
    _check(page)
    page.get_by_label("5 – trifft voll zu").first.check()
    page.get_by_role("button", name="Antworten senden").click()
    page.get_by_text("Vielen Dank, Ihre Antworten sind gespeichert.").wait_for()
    _check(page)
    context.close()

    context = browser.new_context(locale="de-DE", viewport={"width": 375, "height": 800})
    page = context.new_page()
    _login(page, live_server.url, coordinator.email)
    kwargs = round.url_kwargs
    base = f"{live_server.url}/manage/{kwargs['org']}/{kwargs['programme']}/{kwargs['round']}"
    page.goto(f"{base}/surveys/")
    _check(page)
    page.goto(f"{base}/surveys/{open_survey.pk}/")
    page.get_by_text("1 von 6 Personen haben geantwortet.").wait_for()
    _check(page)
    draft = services.create_survey(round=round, template_key="final", by=coordinator)
    page.goto(f"{base}/surveys/{draft.pk}/")
    page.get_by_text("Ändern oder entfernen").first.click()
    _check(page)
    page.goto(f"{base}/surveys/{closed.pk}/results/")
    page.get_by_text("Alle, die geantwortet haben (n = 5)").wait_for()
    _check(page)
    context.close()
