"""Who may read and decide on applications — the one place these rules live.

DESIGN.md §2: coordinators read and decide; trainers read; mentors, mentees and
everyone else see no one's application but their own (portal pages scope by person).
"""

import rules

from tandem.programmes.enums import RoleKind
from tandem.programmes.rules import is_round_coordinator


@rules.predicate
def is_round_trainer(user, round) -> bool:
    if not user.is_authenticated or round is None:
        return False
    return round.roles.filter(person=user, role=RoleKind.TRAINER).exists()


rules.add_perm("applications.view_applications", is_round_coordinator | is_round_trainer)
rules.add_perm("applications.decide_applications", is_round_coordinator)
rules.add_perm("applications.import_applications", is_round_coordinator)
rules.add_perm("applications.export_applications", is_round_coordinator)
