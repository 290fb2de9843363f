"""The way in, in a real browser: home → call → sign-up → confirm → profile → application
submitted, in German and English, at desktop and phone width, each page checked with axe;
and no main page of any role is wider than a phone.

The invited mentor's path (invitation → sign-up → profile) is in test_invited_mentor.py.
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tandem.applications.enums import ApplicationState
from tandem.applications.models import Application
from tandem.matching.models import MatchRun
from tandem.programmes.models import Round
from tandem.tandems.models import Tandem

from .test_coordinator_flow import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "tandem-demo-2026"
PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
# Screenshots for a person to look at (not compared automatically).
SHOTS = Path(
    os.environ.get(
        "TANDEM_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots"
    )
)

TEXT = {
    "de": {
        "apply": "Jetzt bewerben",
        "save": "Profil speichern und weiter",
        "submit": "Bewerbung einreichen",
        "language": "Deutsch",
        "submitted": "Ihre Bewerbung wurde eingereicht",
    },
    "en": {
        "apply": "Apply now",
        "save": "Save profile and continue",
        "submit": "Submit application",
        "language": "German",
        "submitted": "Your application was submitted",
    },
}


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def check(page, viewport, name=""):
    """axe-clean, and at phone width nothing scrolls sideways."""
    assert_accessible(page)
    if viewport["width"] <= 375:
        assert page_width(page) <= 375, (page.url, page_width(page))
    if name:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def applications_round(settings):
    settings.TANDEM_DEMO_SKIPS_MFA = True
    call_command("demo", stage="applications", stdout=io.StringIO())
    return Round.objects.get()


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
def test_a_new_person_applies_from_the_home_page(
    live_server, browser, applications_round, language, viewport
):
    words = TEXT[language]
    context = browser.new_context(
        locale="de-DE" if language == "de" else "en-GB", viewport=viewport
    )
    page = context.new_page()
    shot = f"{language}-{viewport['width']}"
    email = f"neu.{language}.{viewport['width']}@example.org"

    page.goto(live_server.url + "/")
    check(page, viewport, f"{shot}-1-home")
    page.get_by_role(
        "link", name=f"{applications_round.programme.name} – {applications_round.name}"
    ).click()
    page.get_by_role("heading", level=1, name=applications_round.programme.name).wait_for()
    check(page, viewport, f"{shot}-2-call")

    page.get_by_role("link", name=words["apply"]).click()
    page.wait_for_url("**/accounts/signup/**")
    check(page, viewport, f"{shot}-3-signup")
    page.locator("input[name=name]").fill("Nora Neu")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill("lange-sichere-phrase-7")
    page.locator("input[name=password2]").fill("lange-sichere-phrase-7")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/confirm-email/")
    check(page, viewport)

    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    page.goto(live_server.url + link)
    check(page, viewport)
    page.locator("main form button[type=submit]").click()

    # The round's context survived: after confirming, the profile asks for the missing
    # details and then leads on to the application form.
    page.wait_for_url("**/me/profile/?next=*")
    check(page, viewport, f"{shot}-4-profile")
    page.locator("input[name=name]").fill("Nora Neu")
    page.locator("input[name=institution_name]").fill(f"Stadtbibliothek Neustadt {shot}")
    page.locator("select[name=institution_type]").select_option("other")
    page.locator("select[name=institution_size]").select_option("small")
    page.get_by_role("button", name=words["save"]).click()
    page.wait_for_url(
        "**" + reverse("portal:application_apply", kwargs=applications_round.url_kwargs)
    )
    check(page, viewport, f"{shot}-5-application")

    page.locator("textarea[name=expectations]").fill(
        "Ich möchte ein Publikationsmonitoring für unsere Hochschule aufbauen."
    )
    page.locator("select[name=topic_1]").select_option(index=1)
    page.get_by_label(words["language"], exact=True).check()
    page.locator("input[name=supervisor_informed][value=yes]").check()
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name=words["submit"]).click()
    page.get_by_text(words["submitted"]).wait_for()
    check(page, viewport, f"{shot}-6-submitted")
    application = Application.objects.get(person__email=email)
    assert application.state == ApplicationState.SUBMITTED
    assert application.round == applications_round
    context.close()


def log_in(page, live_server, email):
    page.context.clear_cookies()
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/me/")


def main_pages(programme_round) -> dict[str, list[str]]:
    kwargs = programme_round.url_kwargs
    org, programme = kwargs["org"], kwargs["programme"]
    run = MatchRun.objects.filter(round=programme_round).order_by("-number").first()
    tandem = Tandem.objects.filter(round=programme_round).select_related("mentor", "mentee").first()
    application = Application.objects.filter(round=programme_round).order_by("pk").first()
    manage = [
        reverse("manage:organisations"),
        reverse("manage:organisation", kwargs={"org": org}),
        reverse("manage:programme", kwargs={"org": org, "programme": programme}),
    ]
    for name in (
        "round",
        "round_edit",
        "round_roles",
        "recruitment_candidates",
        "recruitment_profiles",
        "application_list",
        "application_import",
        "matching",
        "mail_outbox",
        "mail_texts",
        "tandems",
    ):
        manage.append(reverse(f"manage:{name}", kwargs=kwargs))
    manage.append(reverse("manage:application_detail", kwargs={**kwargs, "pk": application.pk}))
    manage.append(reverse("manage:matching_run", kwargs={**kwargs, "run": run.pk}))
    manage.append(reverse("manage:matching_gaps", kwargs={**kwargs, "run": run.pk}))
    public = [
        reverse(f"public:{name}", kwargs=kwargs) for name in ("call", "gallery", "info_event")
    ]
    mine = [
        reverse("portal:dashboard"),
        reverse("portal:profile"),
        reverse("portal:my_data"),
        reverse("portal:round", kwargs=kwargs),
    ]
    return {
        "koordination@example.org": manage + public + mine[:2],
        tandem.mentee.email: mine
        + [
            reverse("portal:tandem", kwargs=kwargs),
            reverse("portal:tandem_polls", kwargs=kwargs),
            reverse("portal:application_apply", kwargs=kwargs),
        ],
        tandem.mentor.email: mine
        + [
            reverse("portal:tandem", kwargs=kwargs),
            reverse("portal:recruitment_profile", kwargs=kwargs),
        ],
        "": ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"] + public,
    }


def test_no_main_page_is_wider_than_a_phone(live_server, browser, settings):
    settings.TANDEM_DEMO_SKIPS_MFA = True
    call_command("demo", stage="matching", stdout=io.StringIO())
    round = Round.objects.get()
    context = browser.new_context(locale="de-DE", viewport=PHONE)
    page = context.new_page()
    too_wide = []
    for email, urls in main_pages(round).items():
        if email:
            log_in(page, live_server, email)
        else:
            page.context.clear_cookies()
        for url in urls:
            response = page.goto(live_server.url + url)
            assert response.status == 200, (email, url, response.status)
            if page_width(page) > 375:
                too_wide.append((email, url, page_width(page)))
    assert not too_wide, "\n".join(map(str, too_wide))
    # The pages the issue names, for a person to look at.
    log_in(page, live_server, "koordination@example.org")
    run = MatchRun.objects.filter(round=round).order_by("-number").first()
    for name, url in [
        ("applications", reverse("manage:application_list", kwargs=round.url_kwargs)),
        ("gaps", reverse("manage:matching_gaps", kwargs={**round.url_kwargs, "run": run.pk})),
    ]:
        page.goto(live_server.url + url)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"de-375-manage-{name}.png"), full_page=True)
    context.close()


def test_gap_report_tables_do_not_overlap_and_run_tables_are_reachable(
    live_server, browser, settings
):
    settings.TANDEM_DEMO_SKIPS_MFA = True
    call_command("demo", stage="matching", stdout=io.StringIO())
    round = Round.objects.get()
    run = MatchRun.objects.filter(round=round).order_by("-number").first()
    context = browser.new_context(locale="de-DE", viewport=DESKTOP)
    page = context.new_page()
    log_in(page, live_server, "koordination@example.org")
    page.goto(
        live_server.url
        + reverse("manage:matching_gaps", kwargs={**round.url_kwargs, "run": run.pk})
    )
    # What the eye sees of each table is its frame (a wider table scrolls inside it).
    boxes = [frame.bounding_box() for frame in page.locator("main .table-responsive").all()]
    assert len(boxes) >= 2
    for index, first in enumerate(boxes):
        for second in boxes[index + 1 :]:
            apart = (
                first["x"] + first["width"] <= second["x"] + 1
                or second["x"] + second["width"] <= first["x"] + 1
                or first["y"] + first["height"] <= second["y"] + 1
                or second["y"] + second["height"] <= first["y"] + 1
            )
            assert apart, (first, second)
    assert page_width(page) <= 1280
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "de-1280-manage-gaps.png"), full_page=True)

    page.goto(
        live_server.url + reverse("manage:matching_run", kwargs={**round.url_kwargs, "run": run.pk})
    )
    assert_accessible(page)
    for frame in page.locator("main .table-responsive").all():
        assert frame.get_attribute("tabindex") == "0"
        assert frame.get_attribute("role") == "region"
        assert frame.get_attribute("aria-label") or frame.get_attribute("aria-labelledby")
    # The programme page was wider than the window at 1280 px.
    page.goto(
        live_server.url
        + reverse(
            "manage:programme",
            kwargs={"org": round.url_kwargs["org"], "programme": round.url_kwargs["programme"]},
        )
    )
    assert page_width(page) <= 1280
    context.close()
