"""Date polls of a tandem: suggest dates, answer, choose one (DESIGN.md §3, phase 7).

Only the two members reach these pages: polls are loaded through the person's own
tandems in the round, so everyone else — coordinators included — gets 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.core.forms import add_service_errors
from tandem.programmes.models import Round
from tandem.programmes.selectors import round_in_scope
from tandem.tandems import polls
from tandem.tandems.models import Agreement
from tandem.tandems.selectors import partner_of, tandems_for_user

from .forms import ChooseForm, PollForm, VoteForm, date_label, rows_wanted


def _round_and_tandems(request, org, programme, round):
    try:
        found = round_in_scope(org, programme, round)
    except Round.DoesNotExist:
        raise Http404 from None
    tandems = [
        tandem
        for tandem in tandems_for_user(found, request.user)
        if request.user.has_perm("tandems.work_in_tandem", tandem)
    ]
    if not tandems:
        raise Http404
    return found, tandems


def _default_length(tandem) -> int:
    agreed = Agreement.objects.filter(tandem=tandem).values_list("meeting_minutes", flat=True)
    return agreed.first() or tandem.round.meeting_max_minutes


@login_required
def poll_list(request, org, programme, round):
    round, tandems = _round_and_tandems(request, org, programme, round)
    person = request.user
    status = 200
    if request.method == "POST" and "more" in request.POST:
        # Keep what was typed; nothing is checked or saved until "Open the poll".
        rows = rows_wanted(request.POST, more=True)
        form = PollForm(
            tandems=tandems, viewer=person, rows=rows, initial=request.POST.dict() | {"rows": rows}
        )
    elif request.method == "POST":
        form = PollForm(
            request.POST, tandems=tandems, viewer=person, rows=rows_wanted(request.POST)
        )
        if form.is_valid():
            chosen = form.cleaned_data.get("tandem")
            tandem = next((t for t in tandems if t.pk == chosen), tandems[0])
            try:
                poll = polls.create_poll(
                    tandem=tandem,
                    by=person,
                    options=form.options(),
                    duration_minutes=form.cleaned_data["duration_minutes"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Your date poll is open and %(partner)s has been told by e-mail. Please "
                        "give your own answers too."
                    )
                    % {"partner": partner_of(tandem, person).get_full_name()},
                )
                return redirect("portal:tandem_poll", poll=poll.pk, **round.url_kwargs)
        status = 400
    else:
        form = PollForm(
            tandems=tandems,
            viewer=person,
            initial={"duration_minutes": _default_length(tandems[0])},
        )
    all_polls = list(polls.polls_of(tandems))
    context = {
        "round": round,
        "form": form,
        "several_tandems": len(tandems) > 1,
        "open_polls": [poll for poll in all_polls if not poll.closed_at],
        "closed_polls": [poll for poll in all_polls if poll.closed_at],
        "can_add_rows": form.row_count < polls.MAX_OPTIONS,
        "workspace_url": reverse("portal:tandem", kwargs=round.url_kwargs),
    }
    return render(request, "portal/tandem_polls/list.html", context, status=status)


@login_required
def poll_detail(request, org, programme, round, poll):
    round, _tandems = _round_and_tandems(request, org, programme, round)
    person = request.user
    found = polls.poll_for_member(round, person, poll)
    if found is None:
        raise Http404
    options = list(found.options.all())
    vote_form = choose_form = None
    status = 200
    if request.method == "POST" and request.POST.get("action") == "choose":
        choose_form = ChooseForm(request.POST)
        if choose_form.is_valid():
            try:
                meeting = polls.close_poll(
                    poll=found, option=choose_form.cleaned_data["option"], by=person
                )
            except ValidationError as error:
                add_service_errors(choose_form, error)
            else:
                messages.success(
                    request,
                    _("The meeting is planned for %(when)s. %(partner)s has been told by e-mail.")
                    % {
                        "when": date_label(meeting.starts_at),
                        "partner": partner_of(found.tandem, person).get_full_name(),
                    },
                )
                return redirect(polls.tandem_url(found.tandem))
        status = 400
    elif request.method == "POST":
        vote_form = VoteForm(request.POST, options=options)
        if vote_form.is_valid():
            try:
                polls.vote(poll=found, person=person, answers=vote_form.answers())
            except ValidationError as error:
                add_service_errors(vote_form, error)
            else:
                messages.success(request, _("Your answers are saved."))
                return redirect("portal:tandem_poll", poll=found.pk, **round.url_kwargs)
        status = 400
    if vote_form is None and not found.closed_at:
        mine = {
            vote.option_id: vote.answer
            for option in options
            for vote in option.votes.all()
            if vote.person_id == person.pk
        }
        vote_form = VoteForm(
            options=options, initial={f"answer_{pk}": answer for pk, answer in mine.items()}
        )
    people = [found.tandem.mentee, found.tandem.mentor]
    voters = {vote.person_id for option in options for vote in option.votes.all()}
    context = {
        "round": round,
        "poll": found,
        "tandem": found.tandem,
        "partner": partner_of(found.tandem, person),
        "people": people,
        "waiting_for": [member for member in people if member.pk not in voters],
        "rows": _answer_rows(found, options),
        "suggestion": polls.suggestion(found),
        "vote_form": vote_form,
        "choose_form": choose_form,
        "workspace_url": polls.tandem_url(found.tandem),
        "state_url": reverse(
            "portal:tandem_poll_state", kwargs={**round.url_kwargs, "poll": found.pk}
        ),
    }
    return render(request, "portal/tandem_polls/detail.html", context, status=status)


def _answer_rows(poll, options) -> list[dict]:
    """Per date: each member's answer (or None), in the order of ``people`` on the page."""
    tallies = {tally.option.pk: tally for tally in polls.best_options(poll)}
    order = [poll.tandem.mentee_id, poll.tandem.mentor_id]
    rows = []
    for option in options:
        answers = {vote.person_id: vote for vote in option.votes.all()}
        rows.append(
            {
                "option": option,
                "tally": tallies[option.pk],
                "answers": [answers.get(pk) for pk in order],
            }
        )
    return rows


POLL_ACTIONS = {
    "close": (polls.close_poll_without_date, gettext_lazy("The poll is closed without a date.")),
    "reopen": (polls.reopen_poll, gettext_lazy("The poll is open again.")),
    "delete": (polls.delete_poll, gettext_lazy("The poll was deleted.")),
}


@login_required
def poll_state(request, org, programme, round, poll):
    """POST only: close a poll without a date, open it again, or delete it (its maker)."""
    round, _tandems = _round_and_tandems(request, org, programme, round)
    found = polls.poll_for_member(round, request.user, poll)
    if found is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    action = POLL_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        return HttpResponseBadRequest(_("Please choose what to do with the poll."))
    service, done = action
    try:
        service(poll=found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("portal:tandem_poll", poll=found.pk, **round.url_kwargs)
    messages.success(request, done)
    if service is polls.delete_poll:
        return redirect("portal:tandem_polls", **round.url_kwargs)
    return redirect("portal:tandem_poll", poll=found.pk, **round.url_kwargs)
