"""Who may see and do what with certificates and the alumni directory — one place.

The directory of a programme is seen by its alumni and by the mentors and mentees of its
rounds still running (not closed); only alumni have an entry. A certificate is its
holder's; coordinators of its round issue and revoke it (programmes.manage_round).
"""

import rules

from tandem.programmes.enums import RoleKind


@rules.predicate
def is_alumnus_of(user, programme) -> bool:
    if not user.is_authenticated or programme is None:
        return False
    return programme.alumni.filter(person=user).exists()


@rules.predicate
def is_current_participant_of(user, programme) -> bool:
    """Mentor or mentee of a round of the programme that has not been closed."""
    if not user.is_authenticated or programme is None:
        return False
    return programme.rounds.filter(
        closed_on__isnull=True,
        roles__person=user,
        roles__role__in=[RoleKind.MENTOR, RoleKind.MENTEE],
    ).exists()


@rules.predicate
def holds_certificate(user, certificate) -> bool:
    return bool(user.is_authenticated and certificate and certificate.person_id == user.pk)


rules.add_perm("alumni.view_directory", is_alumnus_of | is_current_participant_of)
rules.add_perm("alumni.join_directory", is_alumnus_of)
rules.add_perm("alumni.download_certificate", holds_certificate)
