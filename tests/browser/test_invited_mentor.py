"""The invited mentor's way in, in a real browser: invitation link → sign-up with the
address filled in → confirm → back at the invitation → accept → mentor profile, in German
and English, at desktop and phone width; each page axe-clean and no wider than the window.
"""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tandem.people.models import User
from tandem.programmes.enums import RoleKind
from tandem.programmes.models import Round
from tandem.recruitment.services import add_candidate, invite_candidates

from .test_coordinator_flow import assert_accessible
from .test_front_door import DESKTOP, PHONE, SHOTS, page_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "de": {"accept": "Annehmen und Konto anlegen", "accept_now": "Einladung annehmen"},
    "en": {"accept": "Accept and create an account", "accept_now": "Accept the invitation"},
}


def check(page, viewport, name):
    """axe-clean, never wider than the window, and a screenshot to look at."""
    assert_accessible(page)
    assert page_width(page) <= viewport["width"], (page.url, page_width(page))
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"mentor-{name}.png"), full_page=True)


@pytest.fixture
def invited(settings):
    """A round in recruitment and a personal invitation link for a new person."""
    settings.TANDEM_DEMO_SKIPS_MFA = True
    call_command("demo", stage="applications", stdout=io.StringIO())
    round = Round.objects.get()
    coordinator = User.objects.get(email="koordination@example.org")

    def invite(email, language):
        candidate = add_candidate(
            round=round, name="Mira Mentorin", email=email, language=language, by=coordinator
        )
        invite_candidates(round=round, candidates=[candidate], by=coordinator, review=False)
        url = reverse("public:invitation", kwargs={**round.url_kwargs, "token": candidate.token})
        return round, url

    return invite


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
def test_an_invited_mentor_signs_up_and_reaches_the_profile(
    live_server, browser, invited, language, viewport
):
    words = TEXT[language]
    email = f"mira.{language}.{viewport['width']}@example.org"
    round, url = invited(email, language)
    context = browser.new_context(
        locale="de-DE" if language == "de" else "en-GB", viewport=viewport
    )
    page = context.new_page()
    shot = f"{language}-{viewport['width']}"

    page.goto(live_server.url + url)
    check(page, viewport, f"{shot}-1-invitation")
    page.get_by_role("button", name=words["accept"]).click()
    page.wait_for_url("**/accounts/signup/**")
    # The invited address is filled in; the name is asked for, so letters name the person.
    assert page.locator("input[name=email]").input_value() == email
    check(page, viewport, f"{shot}-2-signup")
    page.locator("input[name=name]").fill("Dr. Mira Mentorin")
    page.locator("input[name=password1]").fill("lange-sichere-phrase-7")
    page.locator("input[name=password2]").fill("lange-sichere-phrase-7")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/confirm-email/")
    check(page, viewport, f"{shot}-3-confirm-sent")

    confirmation = [message for message in mail.outbox if email in message.to][-1]
    link = re.search(r"https?://[^/\s]+(/\S+)", confirmation.body).group(1)
    page.goto(live_server.url + link)
    check(page, viewport, f"{shot}-4-confirm")
    page.locator("main form button[type=submit]").click()

    # Confirmed in the same browser: back at the invitation, now able to accept.
    page.wait_for_url("**" + url)
    check(page, viewport, f"{shot}-5-invitation-again")
    page.get_by_role("button", name=words["accept_now"]).click()
    page.wait_for_url("**" + reverse("portal:recruitment_profile", kwargs=round.url_kwargs))
    check(page, viewport, f"{shot}-6-profile")

    person = User.objects.get(email=email)
    assert person.name == "Dr. Mira Mentorin"
    assert round.roles.filter(person=person, role=RoleKind.MENTOR).exists()
    context.close()
