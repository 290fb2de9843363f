"""Who may do what with organisations and rounds — the one place these rules live."""

import rules

from .enums import RoleKind


@rules.predicate
def is_organisation_coordinator(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return organisation.coordinators.filter(pk=user.pk).exists()


@rules.predicate
def is_round_coordinator(user, round) -> bool:
    if not user.is_authenticated or round is None:
        return False
    if round.programme.organisation.coordinators.filter(pk=user.pk).exists():
        return True
    return round.roles.filter(person=user, role=RoleKind.COORDINATOR).exists()


@rules.predicate
def is_round_trainer(user, round) -> bool:
    if not user.is_authenticated or round is None:
        return False
    return round.roles.filter(person=user, role=RoleKind.TRAINER).exists()


@rules.predicate
def has_role_in_round(user, round) -> bool:
    if not user.is_authenticated or round is None:
        return False
    return round.roles.filter(person=user).exists()


rules.add_perm("programmes.manage_organisation", is_organisation_coordinator)
rules.add_perm("programmes.manage_round", is_round_coordinator)
rules.add_perm("programmes.view_round", is_round_coordinator | has_role_in_round)
