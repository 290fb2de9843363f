"""Who may do what in mentor recruitment — the one place these rules live (DESIGN.md §2)."""

import rules

from tandem.programmes.enums import RoleKind
from tandem.programmes.rules import has_role_in_round, is_round_coordinator, is_round_trainer


def _has_round_role(user, programme_round, roles) -> bool:
    if not user.is_authenticated or programme_round is None:
        return False
    return programme_round.roles.filter(person=user, role__in=roles).exists()


@rules.predicate
def is_round_mentor(user, round) -> bool:
    return _has_round_role(user, round, [RoleKind.MENTOR])


@rules.predicate
def is_round_participant(user, round) -> bool:
    return _has_round_role(user, round, [RoleKind.MENTOR, RoleKind.MENTEE])


@rules.predicate
def round_is_public(user, round) -> bool:
    return bool(round is not None and round.is_public)


rules.add_perm("recruitment.manage_recruitment", is_round_coordinator)
rules.add_perm("recruitment.view_mentor_profiles", is_round_coordinator | is_round_trainer)
# The profile itself is always the viewer's own (views load it by request.user).
rules.add_perm("recruitment.edit_own_mentor_profile", is_round_mentor)
rules.add_perm("recruitment.download_supervisor_letter", is_round_participant)
rules.add_perm(
    "recruitment.view_gallery", round_is_public | is_round_coordinator | has_role_in_round
)
