"""The evaluation for mentors and mentees: their own interview's date and status, the
feedback session they are invited to. Interview notes and the session's summary are
staff-only (DESIGN.md §2): nothing here reads them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.forms import parse_id
from tandem.evaluation import interview_slots, selectors
from tandem.evaluation.calendar import feedback_ics, interview_ics
from tandem.manage.training.views import calendar_response
from tandem.portal.tandems.access import round_or_404


def _round_of(request, org, programme, round):
    found = round_or_404(org, programme, round)
    if not request.user.has_perm("evaluation.take_part", found):
        raise Http404
    return found


@login_required
def overview(request, org, programme, round):
    round = _round_of(request, org, programme, round)
    invitation = selectors.feedback_invitation_for_user(round, request.user)
    interview = selectors.interview_for_user(round, request.user)
    booked = interview is not None and interview.status != "cancelled"
    return render(
        request,
        "portal/evaluation/overview.html",
        {
            "round": round,
            "interview": interview,
            # Times only (and the interviewer's name): who booked the others is not shown.
            "free_slots": [] if booked else interview_slots.free_slots(round),
            "may_cancel": booked and interview_slots.may_cancel_booking(interview),
            "invitation": invitation,
            "session": invitation.session if invitation else None,
            "now": timezone.now(),
        },
    )


@login_required
def interview_calendar(request, org, programme, round):
    round = _round_of(request, org, programme, round)
    interview = selectors.interview_for_user(round, request.user)
    if interview is None:
        raise Http404
    return calendar_response(
        interview_ics(interview, for_staff=False), f"interview-{interview.starts_at:%Y-%m-%d}.ics"
    )


@login_required
def feedback_calendar(request, org, programme, round):
    round = _round_of(request, org, programme, round)
    invitation = selectors.feedback_invitation_for_user(round, request.user)
    if invitation is None:
        raise Http404
    session = invitation.session
    return calendar_response(
        feedback_ics(session, for_staff=False), f"feedback-session-{session.starts_at:%Y-%m-%d}.ics"
    )


@login_required
def book_interview(request, org, programme, round):
    round = _round_of(request, org, programme, round)
    if request.method != "POST":  # after the round check: outsiders get 404, not 405
        return HttpResponseNotAllowed(["POST"])
    slot_id = parse_id(request.POST.get("slot", ""))
    try:
        if slot_id is None:
            raise ValidationError(_("Please choose a time."))
        interview_slots.book_interview_slot(slot_id=slot_id, round=round, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your interview is booked; you will get an e-mail."))
    return redirect("portal:evaluation", **round.url_kwargs)


@login_required
def cancel_interview(request, org, programme, round):
    round = _round_of(request, org, programme, round)
    if request.method != "POST":  # after the round check: outsiders get 404, not 405
        return HttpResponseNotAllowed(["POST"])
    try:
        interview_slots.cancel_booked_interview(round=round, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your interview is cancelled; you may book another time."))
    return redirect("portal:evaluation", **round.url_kwargs)
