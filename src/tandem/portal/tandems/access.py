"""Who reaches a tandem's workspace: its two members, nobody else (DESIGN.md §2).

Tandems are loaded through the viewer's own tandems in the round, so a stranger —
coordinators included — gets 404 exactly as for a tandem that does not exist.
"""

from django.http import Http404

from tandem.programmes.models import Round
from tandem.programmes.selectors import round_in_scope
from tandem.tandems import selectors
from tandem.tandems.models import Goal, Meeting, Note, Tandem


def round_or_404(org: str, programme: str, round: str) -> Round:
    try:
        return round_in_scope(org, programme, round)
    except Round.DoesNotExist:
        raise Http404 from None


def own_tandems(request, org, programme, round) -> tuple[Round, list[Tandem]]:
    found = round_or_404(org, programme, round)
    tandems = list(selectors.tandems_for_user(found, request.user))
    if not tandems:
        raise Http404
    return found, tandems


def own_tandem(request, org, programme, round, tandem: int) -> Tandem:
    found = round_or_404(org, programme, round)
    own = selectors.tandems_for_user(found, request.user).filter(pk=tandem).first()
    if own is None:
        raise Http404
    return own


def meeting_of(tandem: Tandem, pk: int) -> Meeting:
    meeting = Meeting.objects.filter(tandem=tandem, pk=pk).first()
    if meeting is None:
        raise Http404
    meeting.tandem = tandem  # already loaded with its people and round
    return meeting


def goal_of(tandem: Tandem, pk: int) -> Goal:
    goal = Goal.objects.filter(tandem=tandem, pk=pk).first()
    if goal is None:
        raise Http404
    goal.tandem = tandem
    return goal


def own_note(meeting: Meeting, person, pk: int) -> Note:
    """Only the author edits or removes a note; to the partner it does not exist here."""
    note = selectors.own_note(meeting, person, pk)
    if note is None:
        raise Http404
    note.meeting = meeting
    return note
