"""The new coordinator and tandem pages in a real browser at phone width: nothing scrolls
sideways (the score matrix scrolls inside its own frame), and axe finds nothing serious."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from tandem.matching.models import MatchRun
from tandem.programmes.models import Round
from tandem.tandems.models import Tandem

from .test_coordinator_flow import assert_accessible
from .test_front_door import PHONE, log_in, page_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_new_pages_fit_a_phone_and_pass_axe(live_server, browser, settings):
    settings.TANDEM_DEMO_SKIPS_MFA = True
    call_command("demo", stage="training", stdout=io.StringIO())
    round = Round.objects.get()
    tandem = Tandem.objects.get(round=round)
    run = MatchRun.objects.filter(round=round).order_by("-number").first()
    kwargs = round.url_kwargs
    goal = tandem.goals.first()
    pages = {
        "koordination@example.org": [
            reverse("manage:matching_matrix", kwargs={**kwargs, "run": run.pk}),
            reverse("manage:matching_run", kwargs={**kwargs, "run": run.pk}),
            reverse("manage:matching_swap", kwargs={**kwargs, "run": run.pk}),
            reverse("manage:matching_overdue", kwargs=kwargs),
            reverse("manage:tandems", kwargs=kwargs),
        ],
        tandem.mentee.email: [
            reverse("portal:tandem_workspace", kwargs={**kwargs, "tandem": tandem.pk}),
            reverse("portal:tandem_series", kwargs={**kwargs, "tandem": tandem.pk}),
            reverse("portal:tandem_end", kwargs={**kwargs, "tandem": tandem.pk}),
            reverse("portal:tandem_goal", kwargs={**kwargs, "tandem": tandem.pk, "goal": goal.pk}),
        ],
    }
    context = browser.new_context(locale="de-DE", viewport=PHONE)
    page = context.new_page()
    too_wide = []
    for email, urls in pages.items():
        log_in(page, live_server, email)
        for url in urls:
            response = page.goto(live_server.url + url)
            assert response.status == 200, (email, url, response.status)
            assert_accessible(page)
            if page_width(page) > 375:
                too_wide.append((url, page_width(page)))
    assert not too_wide, too_wide
    context.close()
