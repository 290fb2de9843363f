"""Training and consultations for mentors and mentees.

A session, its calendar file and its materials are reached only through one's own
invitation; a consultation only through one's own booking. Anyone else gets 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.forms import parse_id
from tandem.manage.training.views import calendar_response, material_response
from tandem.portal.tandems.access import round_or_404
from tandem.training import consultations, selectors, services
from tandem.training.calendar import booking_ics, session_ics
from tandem.training.enums import BookingStatus
from tandem.training.models import ConsultationSlot

NOTE_MAX_LENGTH = consultations.NOTE_MAX_LENGTH


def _round_of(request, org, programme, round, permission="programmes.view_round"):
    found = round_or_404(org, programme, round)
    if not request.user.has_perm(permission, found):
        raise Http404
    return found


def _invitation(request, round, session):
    if parse_id(session) is None:  # beyond the database's ids: no such session
        raise Http404
    invitation = selectors.invitation_for_user(round, request.user, session)
    if invitation is None:
        raise Http404
    return invitation


def _own_booking(request, round, booking):
    found = selectors.bookings_for_user(round, request.user).filter(pk=booking).first()
    if found is None:
        raise Http404
    return found


@login_required
def overview(request, org, programme, round):
    round = _round_of(request, org, programme, round)
    may_book = request.user.has_perm("training.book_consultation", round)
    return render(
        request,
        "portal/training/overview.html",
        {
            "round": round,
            "invitations": selectors.invitations_for_user(round, request.user),
            "may_book": may_book,
            "now": timezone.now(),
        },
    )


@login_required
def session(request, org, programme, round, session):
    round = _round_of(request, org, programme, round)
    invitation = _invitation(request, round, session)
    return render(
        request,
        "portal/training/session.html",
        {
            "round": round,
            "invitation": invitation,
            "session": invitation.session,
            "materials": selectors.materials_of(invitation.session),
            "may_answer": invitation.session.starts_at > timezone.now(),
        },
    )


@login_required
@require_POST
def answer(request, org, programme, round, session):
    round = _round_of(request, org, programme, round)
    invitation = _invitation(request, round, session)
    choice = request.POST.get("answer")
    if choice not in ("accept", "decline"):
        messages.error(request, _("Please choose whether you take part."))
    else:
        try:
            services.answer_invitation(
                invitation=invitation, by=request.user, accept=choice == "accept"
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Thank you, your answer is saved.")
                if choice == "accept"
                else _("Thank you for letting us know."),
            )
    return redirect("portal:training_session", session=invitation.session_id, **round.url_kwargs)


@login_required
def session_calendar(request, org, programme, round, session):
    round = _round_of(request, org, programme, round)
    found = _invitation(request, round, session).session
    return calendar_response(session_ics(found), f"training-{found.starts_at:%Y-%m-%d}.ics")


@login_required
def material(request, org, programme, round, session, material):
    round = _round_of(request, org, programme, round)
    found = _invitation(request, round, session).session
    item = selectors.materials_of(found).filter(pk=material).first()
    if item is None:
        raise Http404
    return material_response(item)


@login_required
def consultations_page(request, org, programme, round, *, status=200, errors=None):
    round = _round_of(request, org, programme, round, "training.book_consultation")
    bookings = list(selectors.bookings_for_user(round, request.user))
    for booking in bookings:
        booking.may_cancel = consultations.may_still_cancel(booking)
    return render(
        request,
        "portal/training/consultations.html",
        {
            "round": round,
            "slots": selectors.free_slots(round),
            "bookings": bookings,
            "errors": errors or {},
            "note_max_length": NOTE_MAX_LENGTH,
            "BOOKED": BookingStatus.BOOKED,
        },
        status=status,
    )


@login_required
def book(request, org, programme, round, slot):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    found_round = _round_of(request, org, programme, round, "training.book_consultation")
    found = ConsultationSlot.objects.filter(round=found_round, pk=slot).first()
    if found is None:
        raise Http404
    try:
        consultations.book_consultation(
            slot=found, person=request.user, note=request.POST.get("note", "")
        )
    except ValidationError as error:
        # The note typed stays on the page with the message next to the slot.
        return consultations_page(
            request,
            org,
            programme,
            round,
            status=400,
            errors={
                "slot": found.pk,
                "messages": error.messages,
                "note": request.POST.get("note", ""),
            },
        )
    messages.success(
        request,
        _(
            "Your consultation is booked. You and the trainer get an "
            "e-mail with the date; your note goes to the trainer only."
        ),
    )
    return redirect("portal:consultations", **found_round.url_kwargs)


@login_required
@require_POST
def cancel(request, org, programme, round, booking):
    round = _round_of(request, org, programme, round)
    found = _own_booking(request, round, booking)
    try:
        consultations.cancel_booking(booking=found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The consultation is cancelled; the trainer has been told by e-mail.")
        )
    return redirect("portal:consultations", **round.url_kwargs)


@login_required
def booking_calendar(request, org, programme, round, booking):
    round = _round_of(request, org, programme, round)
    found = _own_booking(request, round, booking)
    return calendar_response(
        booking_ics(found, request.user), f"consultation-{found.slot.starts_at:%Y-%m-%d}.ics"
    )
