"""Who may do what in the evaluation — the one place these rules live.

DESIGN.md §2: the round's coordinators and trainers run interviews and the feedback
session and read the interview notes; participants see their own interview's date and
status and their invitation, never notes. The round report: coordinators write the
lessons learned; trainers read the report without the matching section (trainers see
nothing of matching).
"""

import rules

from tandem.programmes.rules import is_round_coordinator, is_round_trainer
from tandem.training.rules import is_round_participant

rules.add_perm("evaluation.run_evaluation", is_round_coordinator | is_round_trainer)
rules.add_perm("evaluation.view_report", is_round_coordinator | is_round_trainer)
rules.add_perm("evaluation.write_lessons", is_round_coordinator)
rules.add_perm("evaluation.view_matching_summary", is_round_coordinator)
rules.add_perm("evaluation.take_part", is_round_participant)
