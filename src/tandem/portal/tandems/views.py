"""The tandem's workspace: partner, agreement, goals, meetings, time and calendar.

Only the two members reach these pages (tandem.portal.tandems.access). What they
write here is theirs: coordinators see only whether and when meetings take place.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from tandem.core.forms import add_service_errors
from tandem.core.meeting_links import suggested_link
from tandem.tandems import calendar, selectors, services
from tandem.tandems.models import Agreement

from .access import goal_of, own_tandem, own_tandems
from .calendars import FRESH_FEED_TOKEN
from .forms import AgreementForm, ConfirmAgreementForm, GoalForm
from .phase_forms import GoalChangeForm
from .urls_of import tandem_urls


@login_required
def workspace(request, org, programme, round):
    """The person's tandem in the round; a mentor with several mentees chooses one first."""
    round, tandems = own_tandems(request, org, programme, round)
    if len(tandems) == 1:
        return render_workspace(request, tandems[0])
    choices = [
        (selectors.partner_of(tandem, request.user), tandem_urls(tandem)["workspace"])
        for tandem in tandems
    ]
    return render(request, "portal/tandems/choose.html", {"round": round, "choices": choices})


@login_required
def workspace_of(request, org, programme, round, tandem):
    return render_workspace(request, own_tandem(request, org, programme, round, tandem))


def render_workspace(request, tandem, *, status=200, goal_form=None, confirm_errors=()):
    person = request.user
    agreement = Agreement.objects.filter(tandem=tandem).prefetch_related("topics").first()
    side = services.require_member(tandem, person, reading=True)
    meetings = list(selectors.meetings_of(tandem))
    urls = tandem_urls(tandem)
    for meeting in meetings:
        meeting.urls = urls.for_meeting(meeting)
    upcoming, past = selectors.split_meetings(meetings)
    feed = calendar.calendar_feed_of(person)
    fresh_token = request.session.pop(FRESH_FEED_TOKEN, None)
    context = {
        "round": tandem.round,
        "tandem": tandem,
        "side": side,
        "partner": selectors.partner_of(tandem, person),
        "agreement": agreement,
        "agreement_form": None if agreement else _new_agreement_form(tandem),
        "own_confirmed": agreement and getattr(agreement, f"{side}_confirmed_at"),
        "partner_confirmed": agreement
        and getattr(agreement, f"{'mentee' if side == 'mentor' else 'mentor'}_confirmed_at"),
        "version": agreement and services.agreement_version(agreement),
        "confirm_errors": confirm_errors,
        "goals": [
            _with_urls(goal, urls.for_goal(goal))
            for goal in tandem.goals.prefetch_related("reflections__author")
        ],
        "goal_form": goal_form or GoalForm(auto_id="id_goal_%s"),
        "upcoming": upcoming,
        "past": past,
        "totals": selectors.time_totals(tandem),
        "urls": urls,
        "polls_url": _polls_url(tandem),
        "has_feed": feed is not None,
        "feed_url": settings.SITE_URL
        + reverse("portal:calendar_feed", kwargs={"token": fresh_token})
        if feed and fresh_token
        else "",
    }
    return render(request, "portal/tandems/workspace.html", context, status=status)


def _with_urls(item, urls: dict):
    item.urls = urls
    return item


def _polls_url(tandem) -> str:
    # Date polls live in their own package; the link appears once it is installed.
    try:
        return reverse("portal:tandem_polls", kwargs=tandem.round.url_kwargs)
    except NoReverseMatch:
        return ""


def _new_agreement_form(tandem, data=None) -> AgreementForm:
    round = tandem.round
    return AgreementForm(
        data,
        programme=round.programme,
        initial={
            "rhythm_weeks": round.meeting_rhythm_weeks,
            "meeting_minutes": round.meeting_max_minutes,
            "confidentiality": True,
            # With Jitsi configured, a fresh room with a random name is proposed; the
            # tandem may keep it or write its own link or place.
            "channel": suggested_link(),
        },
    )


def _agreement_initial(agreement: Agreement) -> dict:
    return {
        "goals": agreement.goals,
        "topics": list(agreement.topics.all()),
        "rhythm_weeks": agreement.rhythm_weeks,
        "meeting_minutes": agreement.meeting_minutes,
        "channel": agreement.channel,
        "confidentiality": agreement.confidentiality,
    }


@login_required
def agreement(request, org, programme, round, tandem):
    tandem = own_tandem(request, org, programme, round, tandem)
    existing = Agreement.objects.filter(tandem=tandem).first()
    status = 200
    if request.method == "POST":
        form = AgreementForm(request.POST, programme=tandem.round.programme)
        if form.is_valid():
            try:
                services.save_agreement(tandem=tandem, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The agreement is saved. If anything changed, both of you need to "
                        "confirm it again."
                    ),
                )
                return redirect(tandem_urls(tandem)["workspace"] + "#agreement")
        status = 400
    elif existing:
        form = AgreementForm(programme=tandem.round.programme, initial=_agreement_initial(existing))
    else:
        form = _new_agreement_form(tandem)
    context = {
        "round": tandem.round,
        "tandem": tandem,
        "form": form,
        "existing": existing,
        "partner": selectors.partner_of(tandem, request.user),
        "urls": tandem_urls(tandem),
    }
    return render(request, "portal/tandems/agreement.html", context, status=status)


@login_required
def agreement_confirm(request, org, programme, round, tandem):
    tandem = own_tandem(request, org, programme, round, tandem)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ConfirmAgreementForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else ""
    try:
        services.confirm_agreement(tandem=tandem, by=request.user, version=version)
    except ValidationError as error:
        return render_workspace(request, tandem, status=400, confirm_errors=error.messages)
    messages.success(request, _("You have confirmed the agreement."))
    return redirect(tandem_urls(tandem)["workspace"] + "#agreement")


@login_required
def goal_add(request, org, programme, round, tandem):
    tandem = own_tandem(request, org, programme, round, tandem)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = GoalForm(request.POST, auto_id="id_goal_%s")
    if form.is_valid():
        try:
            services.add_goal(tandem=tandem, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal was added."))
            return redirect(tandem_urls(tandem)["workspace"] + "#goals")
    return render_workspace(request, tandem, status=400, goal_form=form)


@login_required
def goal(request, org, programme, round, tandem, goal):
    tandem = own_tandem(request, org, programme, round, tandem)
    found = goal_of(tandem, goal)
    status = 200
    if request.method == "POST":
        form = GoalChangeForm(request.POST)
        if form.is_valid():
            try:
                services.update_goal(goal=found, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The goal was saved."))
                return redirect(tandem_urls(tandem)["workspace"] + "#goals")
        status = 400
    else:
        form = GoalChangeForm(initial={"text": found.text, "progress": found.progress})
    context = {
        "round": tandem.round,
        "tandem": tandem,
        "goal": found,
        "reflections": selectors.reflections_of(found),
        "form": form,
        "urls": tandem_urls(tandem),
    }
    return render(request, "portal/tandems/goal.html", context, status=status)


@login_required
def goal_remove(request, org, programme, round, tandem, goal):
    tandem = own_tandem(request, org, programme, round, tandem)
    found = goal_of(tandem, goal)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.remove_goal(goal=found, by=request.user)
    messages.success(request, _("The goal was removed."))
    return redirect(tandem_urls(tandem)["workspace"] + "#goals")
