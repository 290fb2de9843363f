"""Keyboard alone and a 320 px wide window (issue 17, "A whole round in a real browser").

The application form and the date poll are worked through with the keyboard only: Tab and
Shift+Tab to move, typing, Space for boxes, arrow keys for choices, Enter to send. No
click, no fill. Each control the keyboard lands on shows a visible focus ring. The main
pages of every role are then loaded at 320 px: none scrolls sideways (a wide table may
scroll inside its own frame).
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tandem.applications.enums import ApplicationState
from tandem.applications.models import Application
from tandem.programmes.models import Round
from tandem.tandems.models import Tandem

from .test_front_door import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 800}

FOCUS_RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  return {name: el.getAttribute("name") || el.textContent.trim().slice(0, 40),
          outline, shadow, tag: el.tagName, cls: el.className,
          style: [style.outlineStyle, style.outlineWidth, style.boxShadow].join(" ")};
}"""


def focused(page, selector: str) -> bool:
    return page.evaluate(
        "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def tab_to(page, selector: str, *, back: bool = False, limit: int = 120) -> None:
    """Press Tab (or Shift+Tab) until the element matching ``selector`` has focus; every
    control passed on the way must show a focus ring."""
    for _ in range(limit):
        before = page.evaluate_handle("document.activeElement")
        page.keyboard.press("Shift+Tab" if back else "Tab")
        ring = page.evaluate(FOCUS_RING)
        # Tab also moves between the segments of a date-time field; there Chromium marks
        # the segment itself, so the ring is checked where the field is entered.
        same = page.evaluate("(el) => el === document.activeElement", before)
        if ring is not None and not same:
            assert ring["outline"] or ring["shadow"], (page.url, ring["name"], ring)
        if focused(page, selector):
            return
    raise AssertionError(f"{selector} not reached by keyboard on {page.url}")


def assert_fits(page) -> None:
    """Nothing scrolls sideways (a wide table may scroll inside its own frame)."""
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], (page.url, width)


def value(page, selector: str) -> str:
    return page.eval_on_selector(selector, "el => el.value")


def test_application_form_by_keyboard_alone(live_server, browser, settings):
    """A mentee finishes her draft: one submission is refused (no consent), she finds the
    field by keyboard, fixes it and submits."""
    settings.TANDEM_DEMO_SKIPS_MFA = True
    call_command("demo", stage="applications", stdout=io.StringIO())
    round = Round.objects.get()
    email = "mentee.roth@example.org"
    assert Application.objects.get(person__email=email).state == ApplicationState.DRAFT
    context = browser.new_context(locale="de-DE", viewport=NARROW, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, live_server, email)
    page.goto(live_server.url + reverse("portal:application_apply", kwargs=round.url_kwargs))
    assert_fits(page)

    tab_to(page, "input[name=position]")
    page.keyboard.type("Referentin für Open Access")
    tab_to(page, "textarea[name=expectations]")
    page.keyboard.press("Control+End")
    page.keyboard.type(" Ich möchte den Dienst mit einer Mentorin aufbauen.")
    tab_to(page, "select[name=topic_2]")
    page.keyboard.press("ArrowDown")
    assert value(page, "select[name=topic_2]")
    tab_to(page, "input[name=supervisor_informed]")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # to "no" …
    page.keyboard.press("ArrowLeft")  # … and back to "yes"
    assert (
        page.eval_on_selector("input[name=supervisor_informed]:checked", "el => el.value") == "yes"
    )
    # Consent is left out on purpose: the submission must be refused.
    tab_to(page, "button[value=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("[role=alert]")
    assert Application.objects.get(person__email=email).state == ApplicationState.DRAFT
    assert page.get_attribute("input[name=consent]", "aria-invalid") == "true"

    # From the submit button back up to the consent box, tick it, send again.
    tab_to(page, "button[value=submit]")
    tab_to(page, "input[name=consent]", back=True)
    page.keyboard.press("Space")
    assert page.is_checked("input[name=consent]")
    tab_to(page, "button[value=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The confirmation, in whichever language the demo account reads (the database below
    # says what was saved).
    page.wait_for_selector(".alert-success[role=status]")
    assert_fits(page)
    application = Application.objects.get(person__email=email)
    assert application.state == ApplicationState.SUBMITTED
    assert application.position == "Referentin für Open Access"
    assert application.expectations.endswith("mit einer Mentorin aufbauen.")
    assert application.supervisor_informed is True
    assert application.consent_at is not None
    context.close()


ORDERS = (("%d%m%Y", "%H%M"), ("%m%d%Y", "%I%M%p"))


def type_date_time(page, selector: str, when: dt.datetime, orders=ORDERS) -> tuple:
    """Type into Chromium's date-time field (just reached by Tab, so on its first segment).
    The segment order is Chromium's own choice: German day.month.year hour:minute, or
    English month/day/year hour:minute AM/PM. The German order is tried first; if the field
    does not hold the date, Shift+Tab to the field before it and Tab back lead to the
    first segment and the English order is typed over it. Returns the order that worked."""
    for order in orders:
        date_format, time_format = order
        # The year segment takes up to six digits, so an arrow key moves on to the hour.
        # (Chromium leaves a minute typed as "00" empty; the dates here avoid full hours.)
        for key in when.strftime(date_format):
            page.keyboard.press(key)
        page.keyboard.press("ArrowRight")
        for key in when.strftime(time_format)[:5]:
            page.keyboard.press(key)  # ends with A or P in the English order
        if value(page, selector) == when.strftime("%Y-%m-%dT%H:%M"):
            return order
        tab_to(page, f":not({selector})", back=True)
        tab_to(page, selector)
    raise AssertionError(f"{selector} did not take {when} by keyboard")


def test_date_poll_by_keyboard_alone(live_server, browser, settings):
    """The mentee opens a poll with two dates, the mentor answers it; keyboard only."""
    from tandem.tandems.models import DatePoll, DateVote

    settings.TANDEM_DEMO_SKIPS_MFA = True
    call_command("demo", stage="matching", stdout=io.StringIO())
    round = Round.objects.get()
    tandem = Tandem.objects.get()
    polls_url = live_server.url + reverse("portal:tandem_polls", kwargs=round.url_kwargs)
    context = browser.new_context(locale="de-DE", viewport=NARROW, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, live_server, tandem.mentee.email)
    # The proposal page and the poll pages while the round is in its matching phase.
    page.goto(live_server.url + reverse("portal:proposal", kwargs=round.url_kwargs))
    assert_fits(page)
    page.goto(polls_url)
    assert_fits(page)

    today = timezone.localdate()
    first = dt.datetime.combine(today + dt.timedelta(days=10), dt.time(10, 15))
    second = dt.datetime.combine(today + dt.timedelta(days=11), dt.time(14, 30))
    tab_to(page, "input[name=option_1]")
    order = type_date_time(page, "input[name=option_1]", first)
    assert value(page, "input[name=option_1]") == first.strftime("%Y-%m-%dT%H:%M")
    tab_to(page, "input[name=option_2]")
    type_date_time(page, "input[name=option_2]", second, orders=[order])
    assert value(page, "input[name=option_2]") == second.strftime("%Y-%m-%dT%H:%M")
    tab_to(page, "textarea[name=note]")
    page.keyboard.type("Gern per Video.")
    tab_to(page, "main form button[type=submit]:not([name])")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    poll = DatePoll.objects.get(tandem=tandem)
    assert poll.options.count() == 2
    assert poll.note == "Gern per Video."

    page.context.clear_cookies()
    log_in(page, live_server, tandem.mentor.email)
    page.goto(
        live_server.url
        + reverse("portal:tandem_poll", kwargs={**round.url_kwargs, "poll": poll.pk})
    )
    assert_fits(page)
    options = list(poll.options.order_by("starts_at"))
    # First date: yes (Space on the first choice); second: "if need be" (one arrow on).
    tab_to(page, f"input[name=answer_{options[0].pk}]")
    page.keyboard.press("Space")
    tab_to(page, f"input[name=answer_{options[1].pk}]")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    tab_to(page, "form:has(input[name=action][value=vote]) button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    votes = dict(
        DateVote.objects.filter(person=tandem.mentor, option__poll=poll).values_list(
            "option_id", "answer"
        )
    )
    assert votes == {options[0].pk: "yes", options[1].pk: "maybe"}
    context.close()


def narrow_pages(programme_round) -> dict[str, list[str]]:
    """The main pages of every role, after the round has ended (so every phase has data)."""
    from tandem.matching.models import MatchRun

    kwargs = programme_round.url_kwargs
    tandem = Tandem.objects.filter(round=programme_round).select_related("mentor", "mentee").first()
    run = MatchRun.objects.filter(round=programme_round).order_by("-number").first()

    def urls(namespace, names):
        return [reverse(f"{namespace}:{name}", kwargs=kwargs) for name in names]

    public = urls("public", ["call", "gallery"])
    person = (
        [reverse("portal:dashboard")]
        + urls(
            "portal",
            [
                "round",
                "application_apply",
                "proposal",
                "tandem",
                "tandem_polls",
                "training",
                "surveys",
                "evaluation",
            ],
        )
        + [
            reverse(
                "portal:alumni_directory",
                kwargs={"org": kwargs["org"], "programme": kwargs["programme"]},
            )
        ]
    )
    return {
        "koordination@example.org": urls(
            "manage",
            [
                "round",
                "application_list",
                "matching",
                "tandems",
                "training",
                "surveys",
                "evaluation",
                "round_report",
                "round_alumni",
            ],
        )
        + [reverse("manage:matching_run", kwargs={**kwargs, "run": run.pk})],
        tandem.mentee.email: person,
        tandem.mentor.email: person,
        "": public,
    }


def test_no_main_page_scrolls_sideways_at_320_px(live_server, browser, settings):
    settings.TANDEM_DEMO_SKIPS_MFA = True
    call_command("demo", stage="alumni", stdout=io.StringIO())
    round = Tandem.objects.first().round  # the ended round (the next one has no tandems)
    context = browser.new_context(locale="de-DE", viewport=NARROW)
    page = context.new_page()
    too_wide, not_shown = [], []
    for email, urls in narrow_pages(round).items():
        if email:
            log_in(page, live_server, email)
        else:
            page.context.clear_cookies()
        for url in urls:
            response = page.goto(live_server.url + url)
            if response.status != 200:
                not_shown.append((email, url, response.status))
                continue
            width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if width[0] > width[1]:
                too_wide.append((email, url, width))
    assert not not_shown, not_shown
    assert not too_wide, "\n".join(map(str, too_wide))
    context.close()
