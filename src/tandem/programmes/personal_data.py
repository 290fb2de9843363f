"""Programmes' personal data: who coordinates an organisation, who holds which round role.

Programmes owns rounds, so it also says which rounds are past retention: the other apps'
clean-ups run per round it names.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from tandem.people.personal_data import addresses_of, email_matches, iso
from tandem.privacy.registry import Declaration, Holding, NotPersonal

from . import services
from .models import Organisation, RoleInvitation, RoundRole


def round_in_export(programme_round) -> dict | None:
    """How every section of the export names a round."""
    if programme_round is None:
        return None
    return {
        "organisation": programme_round.programme.organisation.name,
        "programme": programme_round.programme.name,
        "round": programme_round.name,
    }


def sole_coordinated_organisations(user):
    """Organisations that would be left without any coordinator if the person went."""
    mine = Organisation.objects.filter(coordinators=user).values("pk")
    # Counted on a fresh join: filtering and counting on the same join would count only one.
    return (
        Organisation.objects.filter(pk__in=mine)
        .annotate(coordinator_count=Count("coordinators"))
        .filter(coordinator_count=1)
        .order_by("name")
    )


def _roles(user):
    return (
        RoundRole.objects.filter(person=user)
        .select_related("round__programme__organisation")
        .order_by("assigned_at", "pk")
    )


def _invitations(user):
    """Role invitations sent to one of the person's addresses, or accepted by them."""
    return (
        RoleInvitation.objects.filter(Q(accepted_by=user) | email_matches(addresses_of(user)))
        .select_related("round__programme__organisation")
        .order_by("created_at", "pk")
    )


def count(user) -> dict[str, int]:
    return {
        "organisations": Organisation.objects.filter(coordinators=user).count(),
        "round_roles": _roles(user).count(),
        "role_invitations": _invitations(user).count(),
    }


def export(user) -> dict:
    return {
        "organisations_coordinated": list(
            Organisation.objects.filter(coordinators=user)
            .order_by("name")
            .values_list("name", flat=True)
        ),
        "round_roles": [
            {
                "round": round_in_export(role.round),
                "role": role.role,
                "assigned_at": iso(role.assigned_at),
            }
            for role in _roles(user)
        ],
        "role_invitations": [
            {
                "round": round_in_export(i.round),
                "role": i.role,
                "name": i.name,
                "email": i.email,
                "invited_at": iso(i.created_at),
                "accepted_at": iso(i.accepted_at),
                "declined_at": iso(i.declined_at),
            }
            for i in _invitations(user)
        ],
    }


def check_erasure(user) -> None:
    """Refused while the person is the only coordinator: nobody could run its rounds."""
    # Two last coordinators leaving at once must not both pass the check: the second
    # waits for the first and then counts again.
    list(Organisation.objects.select_for_update(of=("self",)).filter(coordinators=user))
    blocking = [org.name for org in sole_coordinated_organisations(user)]
    if blocking:
        raise ValidationError(
            _(
                "You are the only coordinator of %(organisations)s. Please make someone else "
                "a coordinator first; then you can delete your account."
            )
            % {"organisations": ", ".join(blocking)}
        )


def erase(user) -> dict[str, int]:
    return services.erase_role_holder(person=user, invitations=_invitations(user))


def clean_round(programme_round, dry_run: bool) -> dict[str, int]:
    return services.clean_round_invitations(programme_round=programme_round, dry_run=dry_run)


def rounds_past_retention(cutoff: dt.date):
    """Rounds that ended before ``cutoff`` (closed, or their latest phase), oldest first."""
    from .selectors import rounds_with_end

    return (
        rounds_with_end()
        .filter(ended_on__lt=cutoff)
        .select_related("programme__organisation")
        .order_by("ended_on", "pk")
    )


DECLARATION = Declaration(
    app_label="programmes",
    holdings=(
        Holding(
            model="programmes.Organisation",
            fields=("coordinators",),
            whose="the coordinators",
            purpose="to give them the organisation's rounds",
            seen_by="the organisation's coordinators",
            retention="until the person is removed or deletes the account",
        ),
        Holding(
            model="programmes.RoundRole",
            fields=("person", "assigned_by"),
            whose="the role holder (and who assigned it)",
            purpose="to grant access to a round and count its participants",
            seen_by="the round's coordinators and trainers",
            retention="staff roles go on erasure; mentor and mentee roles stay as the "
            "round's record; a mentee role goes with its application",
        ),
        Holding(
            model="programmes.RoleInvitation",
            fields=("email", "name", "accepted_by", "invited_by"),
            whose="the invited person (and who invited them)",
            purpose="to offer a round role that the person accepts or declines",
            seen_by="the round's coordinators",
            retention="until the person deletes the account, or the round is past retention "
            "(TANDEM_RETENTION_MONTHS after its end; the role it gave stays)",
        ),
    ),
    not_personal=(
        NotPersonal("programmes.Programme", "a programme's name and public description"),
        NotPersonal("programmes.Round", "a round's name and dates"),
        NotPersonal("programmes.Institution", "an employer's name, shared by many people"),
    ),
    export=export,
    erase=erase,
    count=count,
    check_erasure=check_erasure,
    rounds_past_retention=rounds_past_retention,
    clean_round=clean_round,
    # After the apps whose rows point to rounds and roles, before the account.
    erase_order=900,
)
