"""Ending a tandem early and recurring dates, for the tandem's two members only.

Tandems are loaded through the viewer's own tandems (access.own_tandem): everyone else,
coordinators included, gets 404. The reason for an early end is shown to nobody here,
not even to the one who wrote it: it is for the coordinators.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.core.forms import add_service_errors
from tandem.tandems import early_end, recurring, selectors
from tandem.tandems.enums import SeriesStatus
from tandem.tandems.models import Agreement

from .access import own_tandem
from .phase_forms import EndTandemForm, SeriesForm
from .urls_of import tandem_urls


def _series_url(tandem, series=None) -> str:
    kwargs = {**tandem.round.url_kwargs, "tandem": tandem.pk}
    if series is None:
        return reverse("portal:tandem_series", kwargs=kwargs)
    return reverse("portal:tandem_series_detail", kwargs=kwargs | {"series": series.pk})


@login_required
def end(request, org, programme, round, tandem):
    tandem = own_tandem(request, org, programme, round, tandem)
    status = 200
    if tandem.ended_at:
        form = None
    elif request.method == "POST":
        form = EndTandemForm(request.POST)
        if form.is_valid():
            try:
                early_end.end_tandem(
                    tandem=tandem,
                    by=request.user,
                    category=form.cleaned_data["category"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The tandem has ended. Your partner has been told, without the reason; "
                        "the coordinators have your reason."
                    ),
                )
                return redirect(tandem_urls(tandem)["workspace"])
        status = 400
    else:
        form = EndTandemForm()
    context = {
        "round": tandem.round,
        "tandem": tandem,
        "partner": selectors.partner_of(tandem, request.user),
        "form": form,
        "urls": tandem_urls(tandem),
    }
    return render(request, "portal/tandems/end.html", context, status=status)


def _minutes(tandem) -> int:
    agreed = Agreement.objects.filter(tandem=tandem).values_list("meeting_minutes", flat=True)
    return agreed.first() or tandem.round.meeting_max_minutes


def _with_words(series, person):
    series.pattern = recurring.pattern_in_words(series, person.language)
    series.first = recurring.occurrences(series)[0]
    series.url = _series_url(series.tandem, series)
    series.mine = series.proposed_by_id == person.pk
    return series


@login_required
def series_list(request, org, programme, round, tandem):
    """The tandem's recurring dates, and the form to propose one."""
    tandem = own_tandem(request, org, programme, round, tandem)
    status = 200
    if request.method == "POST":
        form = SeriesForm(request.POST, round=tandem.round)
        if form.is_valid():
            try:
                series = recurring.propose_series(
                    tandem=tandem, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Your proposal was sent to %(partner)s, who accepts it or suggests "
                        "another time."
                    )
                    % {"partner": selectors.partner_of(tandem, request.user).get_full_name()},
                )
                return redirect(_series_url(tandem, series))
        status = 400
    else:
        form = SeriesForm.fresh(tandem, _minutes(tandem))
    series = [_with_words(item, request.user) for item in recurring.series_of(tandem)]
    for item in series:
        item.tandem = tandem
    context = {
        "round": tandem.round,
        "tandem": tandem,
        "partner": selectors.partner_of(tandem, request.user),
        "form": form,
        "series_list": series,
        "urls": tandem_urls(tandem),
    }
    return render(request, "portal/tandems/series_list.html", context, status=status)


@login_required
def series_detail(request, org, programme, round, tandem, series):
    """One recurring date: the partner accepts or moves it; either withdraws or declines."""
    tandem = own_tandem(request, org, programme, round, tandem)
    found = recurring.series_of_tandem(tandem, series)
    if found is None:
        raise Http404
    status = 200
    move_form = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "accept":
                meetings = recurring.accept_series(series=found, by=request.user)
                messages.success(
                    request,
                    _("%(n)s meetings are planned. Each has its own agenda and can be moved alone.")
                    % {"n": len(meetings)},
                )
                return redirect(tandem_urls(tandem)["workspace"] + "#meetings")
            if action == "decline":
                recurring.decline_series(series=found, by=request.user)
                messages.success(request, _("The proposal is no longer open."))
                return redirect(_series_url(tandem))
            if action == "move":
                move_form = SeriesForm(request.POST, round=tandem.round)
                if move_form.is_valid():
                    recurring.move_series(series=found, by=request.user, **move_form.cleaned_data)
                    messages.success(
                        request, _("Your other time was sent; now your partner answers.")
                    )
                    return redirect(_series_url(tandem, found))
            else:
                return HttpResponseBadRequest(_("Please accept, move or decline the proposal."))
        except ValidationError as error:
            if move_form is None:
                messages.error(request, " ".join(error.messages))
            else:
                add_service_errors(move_form, error)
        status = 400
    found = recurring.series_of_tandem(tandem, found.pk)
    _with_words(found, request.user)
    may_answer = found.status == SeriesStatus.PROPOSED and not found.mine
    context = {
        "round": tandem.round,
        "tandem": tandem,
        "partner": selectors.partner_of(tandem, request.user),
        "series": found,
        "may_answer": may_answer and not tandem.ended_at,
        "move_form": move_form or (SeriesForm.of(found) if may_answer else None),
        "meetings": list(found.meetings.order_by("starts_at", "pk")),
        "dates": recurring.occurrences(found),
        "list_url": _series_url(tandem),
        "urls": tandem_urls(tandem),
    }
    return render(request, "portal/tandems/series_detail.html", context, status=status)
