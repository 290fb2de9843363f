"""Into the online room of a tandem, a training session or a consultation (BigBlueButton).

With ``TANDEM_MEETING_PROVIDER=bbb`` the platform opens the room on the BigBlueButton
server and sends the person in with a signed join URL: the mentor and the trainer as
moderators, everyone else as viewers. Only the people of the tandem, the session or the
consultation get in — the same rules as the pages themselves; anyone else, and everyone
when no BigBlueButton is configured, gets 404. The room's name says what it is for,
never who meets or why.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tandem.core import meeting_links
from tandem.core.forms import parse_id
from tandem.training import selectors as training_selectors
from tandem.training.rules import runs_training_of

from .tandems.access import own_tandem, round_or_404


def _enter(request, *, kind: str, pk: int, name: str, moderator: bool):
    try:
        url = meeting_links.bbb_enter(
            meeting_id=meeting_links.room_id(kind, pk),
            name=name,
            full_name=request.user.get_full_name() or request.user.email,
            moderator=moderator,
        )
    except meeting_links.RoomUnavailable:
        # The page offers to try again; the dashboard is always one click away.
        return render(request, "portal/online_unavailable.html", status=503)
    return redirect(url)


def _only_with_bbb():
    if not meeting_links.bbb_configured():
        raise Http404


@login_required
def tandem_room(request, org, programme, round, tandem):
    _only_with_bbb()
    found = own_tandem(request, org, programme, round, tandem)
    return _enter(
        request,
        kind="tandem",
        pk=found.pk,
        name=_("Tandem meeting"),
        moderator=found.mentor_id == request.user.pk,
    )


@login_required
def session_room(request, org, programme, round, session):
    _only_with_bbb()
    found_round = round_or_404(org, programme, round)
    found = training_selectors.session_of_round(found_round, session) if parse_id(session) else None
    if found is None or not request.user.has_perm("training.view_session", found):
        raise Http404
    return _enter(
        request,
        kind="training",
        pk=found.pk,
        name=found.title,
        moderator=runs_training_of(request.user, found),
    )


@login_required
def consultation_room(request, org, programme, round, booking):
    _only_with_bbb()
    found_round = round_or_404(org, programme, round)
    found = (
        training_selectors.active_booking_in_round(found_round, booking)
        if parse_id(booking)
        else None
    )
    if found is None or not request.user.has_perm("training.join_consultation", found):
        raise Http404
    return _enter(
        request,
        kind="consultation",
        pk=found.pk,
        name=_("Consultation"),
        moderator=found.slot.trainer_id == request.user.pk,
    )
