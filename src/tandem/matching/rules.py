"""Who may run matching and who answers a proposal (DESIGN.md §2).

Coordinators run matching and see every proposal; the trainer sees none; mentee and
mentor see only the proposal that concerns them (portal views load it by person).
"""

import rules

from tandem.programmes.rules import is_round_coordinator

rules.add_perm("matching.run_matching", is_round_coordinator)
