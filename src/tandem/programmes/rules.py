"""Who may do what with organisations and rounds — the one place these rules live."""

import rules
from django.conf import settings

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


@rules.predicate
def may_create_organisation(user) -> bool:
    """Operators (staff) create organisations; everyone else only where self-service is on.

    An organisation's coordinator can invite people and import applications, so creating
    one is a privilege, not a sign-up step (issue 8).
    """
    if not user.is_authenticated:
        return False
    return user.is_staff or settings.TANDEM_SELF_SERVICE_ORGANISATIONS


rules.add_perm("programmes.create_organisation", may_create_organisation)
