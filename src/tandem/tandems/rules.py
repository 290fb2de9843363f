"""The tandem's work belongs to its two members (DESIGN.md §2).

Coordinators see only metadata (how many meetings, when, whether the agreement is
confirmed): the views for them read through selectors that never load content.
"""

import rules

from tandem.programmes.rules import is_round_coordinator


@rules.predicate
def is_member(user, tandem) -> bool:
    return bool(
        user.is_authenticated
        and tandem is not None
        and user.pk in (tandem.mentor_id, tandem.mentee_id)
    )


@rules.predicate
def coordinates_round_of(user, tandem) -> bool:
    return tandem is not None and is_round_coordinator(user, tandem.round)


rules.add_perm("tandems.work_in_tandem", is_member)
rules.add_perm("tandems.view_tandem_metadata", coordinates_round_of)
