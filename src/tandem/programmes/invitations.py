"""Roles are given by invitation: a coordinator invites an address, the person accepts.

Invariants:
- Inviting never looks up accounts: the coordinator's answer is the same whether or not
  the address has an account, and shows nothing about any account.
- Only an account with the invited address *verified* can accept (anyone can type
  someone else's address into a sign-up form; only its owner can confirm it).
- Nobody is mentor and mentee in one round: checked again at acceptance.
- The mail uses the platform's own text, never a round's override.
"""

import datetime as dt

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.people.tokens import hash_token, new_token, plausible_token

from .enums import RoleKind
from .models import RoleInvitation, Round
from .services import assign_role

INVITATION_VALID_DAYS = 30
PARTICIPANT_ROLES = {RoleKind.MENTOR, RoleKind.MENTEE}


def _visible_roles(round: Round, email: str) -> set[str]:
    """Roles in this round held under this login address: the role list shows them anyway."""
    return set(round.roles.filter(person__email__iexact=email).values_list("role", flat=True))


def _check_role_fits(role: RoleKind, held: set[str], *, field: str | None = None) -> None:
    if role in held:
        message = _("This person already has this role in the round.")
        raise ValidationError({field: message} if field else message)
    if role in PARTICIPANT_ROLES and held & PARTICIPANT_ROLES:
        message = _("Nobody can be mentor and mentee in the same round.")
        raise ValidationError({"role": message} if field else message)


@transaction.atomic
def invite_to_role(
    *, round: Round, email: str, name: str, role: str, language: str, by
) -> RoleInvitation:
    """Store the invitation and queue its mail. ``invitation.token`` holds the raw token
    for the caller (it is in the mail's link and nowhere else)."""
    role = RoleKind(role)
    email = email.strip().lower()
    name = " ".join(name.split())
    _check_role_fits(role, _visible_roles(round, email), field="email")
    # A new invitation to the same address and role replaces an open one (a lost mail).
    RoleInvitation.objects.filter(
        round=round, email__iexact=email, role=role, accepted_at=None, declined_at=None
    ).delete()
    token, token_hash = new_token()
    invitation = RoleInvitation.objects.create(
        round=round,
        role=role,
        email=email,
        name=name,
        language=language,
        token_hash=token_hash,
        invited_by=by,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_VALID_DAYS),
    )
    invitation.token = token
    _send_invitation(invitation, token, by)
    log_action(by, "role.invited", invitation, programme_round=round, data={"role": role})
    return invitation


def _send_invitation(invitation: RoleInvitation, token: str, by) -> None:
    from tandem.mail.services import queue_mail

    round = invitation.round
    with translation.override(invitation.language):
        role_label = str(RoleKind(invitation.role).label)
        expires = formats.date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT")
    organisation = round.programme.organisation
    # round=None: the built-in (or the operators' global) text, never the round's own,
    # so a coordinator cannot put words of their own into mails to arbitrary addresses.
    mail = queue_mail(
        key="role_invitation",
        to=invitation.email,
        language=invitation.language,
        context={
            "name": invitation.name,
            "role": role_label,
            "round": round.name,
            "programme": round.programme.name,
            "organisation": organisation.name,
            "inviter": (by.get_full_name() if by else "") or organisation.name,
            "expires": expires,
            "url": reverse("public:role_invitation", kwargs={**round.url_kwargs, "token": token}),
        },
    )
    # Shown in the round's outbox like every other mail of the round.
    mail.round = round
    mail.save(update_fields=["round"])


def invitation_for_token(token: str) -> RoleInvitation | None:
    if not plausible_token(token):
        return None
    return (
        RoleInvitation.objects.select_related("round__programme__organisation", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def pending_invitations(programme_round: Round):
    return programme_round.role_invitations.filter(
        accepted_at=None, declined_at=None, expires_at__gt=timezone.now()
    ).order_by("created_at", "id")


def open_invitations_for_person(person) -> list[RoleInvitation]:
    """Open role invitations sent to one of the person's verified addresses, soonest
    ending first: the dashboard lists them, so an invitation can be answered without the
    mail's link (only the link token's hash is stored)."""
    # One query: invitations keep the address in lower case (invite_to_role).
    emails = (
        EmailAddress.objects.filter(user=person, verified=True)
        .annotate(lowered=Lower("email"))
        .values("lowered")
    )
    return list(
        RoleInvitation.objects.filter(
            email__in=emails, accepted_at=None, declined_at=None, expires_at__gt=timezone.now()
        )
        .select_related("round__programme__organisation")
        .order_by("expires_at", "pk")
    )


def has_verified_address(person, email: str) -> bool:
    return EmailAddress.objects.filter(user=person, email__iexact=email, verified=True).exists()


def _locked_open(invitation: RoleInvitation) -> RoleInvitation:
    invitation = RoleInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation is no longer open."))
    return invitation


@transaction.atomic
def accept_role_invitation(*, invitation: RoleInvitation, person):
    """The invited person says yes: the role is given to their account."""
    invitation = _locked_open(invitation)
    if not has_verified_address(person, invitation.email):
        raise ValidationError(
            _(
                "This invitation was sent to another e-mail address. Please log in with the "
                "address the invitation was sent to (or add and confirm it under your account's "
                "e-mail addresses)."
            )
        )
    round = invitation.round
    held = set(round.roles.filter(person=person).values_list("role", flat=True))
    role = RoleKind(invitation.role)
    if role in PARTICIPANT_ROLES and (held - {role}) & PARTICIPANT_ROLES:
        raise ValidationError(_("Nobody can be mentor and mentee in the same round."))
    round_role = round.roles.filter(person=person, role=role).first()
    if round_role is None:
        round_role = assign_role(
            round=round, person=person, role=role, by=invitation.invited_by, notify=False
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = person
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    log_action(
        person, "role.invitation_accepted", invitation, programme_round=round, data={"role": role}
    )
    return round_role


@transaction.atomic
def decline_role_invitation(*, invitation: RoleInvitation) -> RoleInvitation:
    invitation = _locked_open(invitation)
    invitation.declined_at = timezone.now()
    invitation.save(update_fields=["declined_at"])
    log_action(None, "role.invitation_declined", invitation, programme_round=invitation.round)
    return invitation


@transaction.atomic
def withdraw_role_invitation(*, invitation: RoleInvitation, by) -> None:
    log_action(
        by,
        "role.invitation_withdrawn",
        invitation,
        programme_round=invitation.round,
        data={"role": invitation.role},
    )
    invitation.delete()
