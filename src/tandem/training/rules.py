"""Who may do what with training and consultations — the one place these rules live.

DESIGN.md §2: coordinators and trainers run training sessions; a consultation is known to
the person who booked it and to the trainer who offers the slot, nobody else;
coordinators see only counts (tandem.training.selectors.consultation_counts).
"""

import rules

from tandem.programmes.enums import RoleKind
from tandem.programmes.rules import is_round_coordinator, is_round_trainer


def _has_role(user, programme_round, roles) -> bool:
    if not user.is_authenticated or programme_round is None:
        return False
    return programme_round.roles.filter(person=user, role__in=roles).exists()


@rules.predicate
def is_round_participant(user, round) -> bool:
    """Mentors and mentees of the round: they may book a consultation."""
    return _has_role(user, round, [RoleKind.MENTOR, RoleKind.MENTEE])


@rules.predicate
def is_invited(user, session) -> bool:
    return bool(
        user.is_authenticated
        and session is not None
        and session.invitations.filter(person=user).exists()
    )


@rules.predicate
def runs_training_of(user, session) -> bool:
    return session is not None and (
        is_round_coordinator(user, session.round) or is_round_trainer(user, session.round)
    )


@rules.predicate
def offers_slot(user, slot) -> bool:
    return bool(user.is_authenticated and slot is not None and slot.trainer_id == user.pk)


@rules.predicate
def booked(user, booking) -> bool:
    return bool(user.is_authenticated and booking is not None and booking.person_id == user.pk)


@rules.predicate
def offers_booked_slot(user, booking) -> bool:
    return booking is not None and offers_slot(user, booking.slot)


rules.add_perm("training.manage_training", is_round_coordinator | is_round_trainer)
rules.add_perm("training.offer_consultations", is_round_trainer)
rules.add_perm("training.view_consultation_counts", is_round_coordinator | is_round_trainer)
rules.add_perm("training.book_consultation", is_round_participant)
rules.add_perm("training.view_session", runs_training_of | is_invited)
rules.add_perm("training.view_materials", runs_training_of | is_invited)
rules.add_perm("training.cancel_booking", booked | offers_booked_slot)
rules.add_perm("training.write_trainer_notes", offers_booked_slot)
# The online room of a consultation: its two people; the trainer moderates.
rules.add_perm("training.join_consultation", booked | offers_booked_slot)
