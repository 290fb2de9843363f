"""Who may do what with surveys — the one place these rules live.

DESIGN.md §2: a participant sees their own answers; coordinators and trainers of the
round build and run the round's surveys and see aggregates only (tandem.surveys.results),
and how many answered — never who.
"""

import rules

from tandem.programmes.enums import RoleKind
from tandem.programmes.rules import is_round_coordinator, is_round_trainer


@rules.predicate
def is_surveyed_in(user, round) -> bool:
    """Mentors and mentees of the round are the ones a survey asks."""
    if not user.is_authenticated or round is None:
        return False
    return round.roles.filter(person=user, role__in=[RoleKind.MENTOR, RoleKind.MENTEE]).exists()


rules.add_perm("surveys.manage_surveys", is_round_coordinator | is_round_trainer)
rules.add_perm("surveys.answer_surveys", is_surveyed_in)
