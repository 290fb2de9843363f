"""Who may read and decide on applications — the one place these rules live.

DESIGN.md §2: coordinators read and decide; trainers read; mentors, mentees and
everyone else see no one's application but their own (portal pages scope by person).
"""

import rules

from tandem.programmes.rules import has_role_in_round, is_round_coordinator, is_round_trainer


@rules.predicate
def round_calls_publicly(user, round) -> bool:
    return bool(round is not None and round.is_public)


@rules.predicate
def has_application(user, round) -> bool:
    if not user.is_authenticated or round is None:
        return False
    return round.applications.filter(person=user).exists()


# A round that does not publish its call is open only to people it already knows:
# anyone else gets 404 and learns nothing about the round.
rules.add_perm(
    "applications.apply",
    round_calls_publicly | has_role_in_round | has_application | is_round_coordinator,
)
rules.add_perm("applications.view_applications", is_round_coordinator | is_round_trainer)
rules.add_perm("applications.decide_applications", is_round_coordinator)
rules.add_perm("applications.import_applications", is_round_coordinator)
rules.add_perm("applications.export_applications", is_round_coordinator)
