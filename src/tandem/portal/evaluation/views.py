"""The evaluation for mentors and mentees: their own interview's date and status, the
feedback session they are invited to. Interview notes and the session's summary are
staff-only (DESIGN.md §2): nothing here reads them.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from tandem.evaluation import selectors
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
    return render(
        request,
        "portal/evaluation/overview.html",
        {
            "round": round,
            "interview": selectors.interview_for_user(round, request.user),
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
