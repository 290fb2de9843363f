"""A tandem's meetings: plan, change, mark held or cancelled, notes and time spent.

The agenda and shared notes are for both members; a private note only ever reaches
its author (selectors.tandem_notes_for_user). Anyone else gets 404 (access.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.forms import add_service_errors
from tandem.tandems import selectors, services
from tandem.tandems.enums import MeetingStatus
from tandem.tandems.limits import MEETING_MINUTES_MAX
from tandem.tandems.models import Agreement

from .access import meeting_of, own_note, own_tandem
from .forms import MeetingForm, MeetingStatusForm, NoteForm, TimeSpentForm
from .urls_of import tandem_urls


def _not_post(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def _new_meeting_initial(tandem) -> dict:
    agreement = Agreement.objects.filter(tandem=tandem).first()
    initial = {
        "duration_minutes": min(
            agreement.meeting_minutes if agreement else tandem.round.meeting_max_minutes,
            MEETING_MINUTES_MAX,
        )
    }
    # A video link agreed once is the usual place to meet.
    if agreement and agreement.channel.startswith(("https://", "http://")):
        initial["video_url"] = agreement.channel
    return initial


@login_required
def meeting_new(request, org, programme, round, tandem):
    tandem = own_tandem(request, org, programme, round, tandem)
    partner = selectors.partner_of(tandem, request.user)
    status = 200
    if request.method == "POST":
        form = MeetingForm(request.POST, round=tandem.round)
        if form.is_valid():
            try:
                meeting = services.plan_meeting(tandem=tandem, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The meeting is planned. %(partner)s has been told by e-mail.")
                    % {"partner": partner.get_full_name()},
                )
                return redirect(tandem_urls(tandem).for_meeting(meeting)["page"])
        status = 400
    else:
        form = MeetingForm(initial=_new_meeting_initial(tandem))
    context = {
        "round": tandem.round,
        "tandem": tandem,
        "partner": partner,
        "form": form,
        "meeting": None,
        "urls": tandem_urls(tandem),
    }
    return render(request, "portal/tandems/meeting_form.html", context, status=status)


@login_required
def meeting_edit(request, org, programme, round, tandem, meeting):
    tandem = own_tandem(request, org, programme, round, tandem)
    found = meeting_of(tandem, meeting)
    partner = selectors.partner_of(tandem, request.user)
    urls = tandem_urls(tandem)
    status = 200
    if request.method == "POST":
        form = MeetingForm(request.POST, round=tandem.round)
        if form.is_valid():
            try:
                services.update_meeting(meeting=found, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The meeting is saved. If anything changed, "
                        "%(partner)s has been told by e-mail."
                    )
                    % {"partner": partner.get_full_name()},
                )
                return redirect(urls.for_meeting(found)["page"])
        status = 400
    else:
        form = MeetingForm(
            initial={
                "starts_at": found.starts_at,
                "duration_minutes": found.duration_minutes,
                "video_url": found.video_url,
                "agenda": found.agenda,
            }
        )
    context = {
        "round": tandem.round,
        "tandem": tandem,
        "partner": partner,
        "form": form,
        "meeting": found,
        "meeting_urls": urls.for_meeting(found),
        "urls": urls,
    }
    return render(request, "portal/tandems/meeting_form.html", context, status=status)


@login_required
def meeting(request, org, programme, round, tandem, meeting):
    tandem = own_tandem(request, org, programme, round, tandem)
    return render_meeting(request, tandem, meeting_of(tandem, meeting))


def render_meeting(
    request, tandem, meeting, *, status=200, note_form=None, time_form=None, status_form=None
):
    person = request.user
    urls = tandem_urls(tandem)
    notes = list(selectors.tandem_notes_for_user(meeting, person))
    for note in notes:
        note.urls = urls.for_note(note) if note.author_id == person.pk else None
    if time_form is None:
        own = selectors.own_time_spent(meeting, person)
        time_form = TimeSpentForm(
            initial={
                "meeting_minutes": own.meeting_minutes if own else 0,
                "preparation_minutes": own.preparation_minutes if own else 0,
            }
        )
    context = {
        "round": tandem.round,
        "tandem": tandem,
        "meeting": meeting,
        "partner": selectors.partner_of(tandem, person),
        "notes": notes,
        "note_form": note_form or NoteForm(),
        "time_form": time_form,
        "status_form": status_form,
        "time_entries": selectors.time_totals(tandem, meeting),
        "next_statuses": _next_statuses(meeting),
        "urls": urls,
        "meeting_urls": urls.for_meeting(meeting),
    }
    return render(request, "portal/tandems/meeting.html", context, status=status)


def _next_statuses(meeting) -> list[tuple[str, str]]:
    """The buttons on the meeting page: (status, button text)."""
    if meeting.status == MeetingStatus.PLANNED:
        cancel = (MeetingStatus.CANCELLED, _("Cancel the meeting"))
        if meeting.starts_at > timezone.now():
            return [cancel]
        return [(MeetingStatus.HELD, _("Mark as held")), cancel]
    if meeting.status == MeetingStatus.HELD:
        return [(MeetingStatus.PLANNED, _("It did not take place: mark as planned"))]
    return [(MeetingStatus.PLANNED, _("Plan it again"))]


@login_required
def meeting_status(request, org, programme, round, tandem, meeting):
    tandem = own_tandem(request, org, programme, round, tandem)
    found = meeting_of(tandem, meeting)
    if refused := _not_post(request):
        return refused
    form = MeetingStatusForm(request.POST)
    if form.is_valid():
        try:
            found = services.set_meeting_status(
                meeting=found, by=request.user, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The meeting is now “%(status)s”.") % {"status": found.get_status_display()},
            )
            return redirect(tandem_urls(tandem).for_meeting(found)["page"])
    return render_meeting(request, tandem, found, status=400, status_form=form)


@login_required
def meeting_time(request, org, programme, round, tandem, meeting):
    tandem = own_tandem(request, org, programme, round, tandem)
    found = meeting_of(tandem, meeting)
    if refused := _not_post(request):
        return refused
    form = TimeSpentForm(request.POST)
    if form.is_valid():
        try:
            services.record_time_spent(meeting=found, person=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your time is saved."))
            return redirect(tandem_urls(tandem).for_meeting(found)["page"] + "#time")
    return render_meeting(request, tandem, found, status=400, time_form=form)


@login_required
def note_add(request, org, programme, round, tandem, meeting):
    tandem = own_tandem(request, org, programme, round, tandem)
    found = meeting_of(tandem, meeting)
    if refused := _not_post(request):
        return refused
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            note = services.add_note(meeting=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your note is saved and shared with your partner.")
                if note.shared
                else _("Your note is saved. Only you can read it."),
            )
            return redirect(tandem_urls(tandem).for_meeting(found)["page"] + "#notes")
    return render_meeting(request, tandem, found, status=400, note_form=form)


@login_required
def note(request, org, programme, round, tandem, meeting, note):
    tandem = own_tandem(request, org, programme, round, tandem)
    found = own_note(meeting_of(tandem, meeting), request.user, note)
    urls = tandem_urls(tandem)
    status = 200
    if request.method == "POST":
        form = NoteForm(request.POST)
        if form.is_valid():
            try:
                services.update_note(note=found, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your note is saved."))
                return redirect(urls.for_meeting(found.meeting)["page"] + "#notes")
        status = 400
    else:
        form = NoteForm(initial={"text": found.text, "shared": found.shared})
    context = {
        "round": tandem.round,
        "tandem": tandem,
        "meeting": found.meeting,
        "note": found,
        "form": form,
        "urls": urls,
        "meeting_urls": urls.for_meeting(found.meeting),
        "note_urls": urls.for_note(found),
    }
    return render(request, "portal/tandems/note.html", context, status=status)


@login_required
def note_remove(request, org, programme, round, tandem, meeting, note):
    tandem = own_tandem(request, org, programme, round, tandem)
    found = own_note(meeting_of(tandem, meeting), request.user, note)
    if refused := _not_post(request):
        return refused
    services.remove_note(note=found, by=request.user)
    messages.success(request, _("Your note was removed."))
    return redirect(tandem_urls(tandem).for_meeting(found.meeting)["page"] + "#notes")
