"""Creating, using and revoking personal API tokens (one function per state change)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.people.tokens import hash_token, new_token, plausible_token

from .enums import TokenAccess
from .models import ApiToken
from .selectors import scopable_organisations, scopable_rounds

KEY_PREFIX = "tdm_"
# The longest a token may live; people choose a shorter time when they make one.
MAX_LIFETIME = dt.timedelta(days=366)
NAME_MAX_LENGTH = 100


def token_errors(*, person, name, organisation, round, access, expires_at, now) -> dict:
    """Messages per field for a token that cannot be made as asked (empty when fine)."""
    errors = {}
    if not name:
        errors["name"] = _("Please give the token a name, e.g. what it is for.")
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = _("Please keep the name under %(n)s characters.") % {"n": NAME_MAX_LENGTH}
    if (organisation is None) == (round is None):
        errors["scope"] = _("Please choose one organisation or one round.")
    elif organisation is not None and not scopable_organisations(person).filter(pk=organisation.pk):
        errors["scope"] = _("You do not coordinate this organisation.")
    elif round is not None and not scopable_rounds(person).filter(pk=round.pk):
        errors["scope"] = _("You have no role in this round.")
    if access not in TokenAccess.values:
        errors["access"] = _("Please choose whether the token may only read or also write.")
    if expires_at is None or expires_at <= now:
        errors["expires_at"] = _("Please choose a day in the future.")
    elif expires_at > now + MAX_LIFETIME:
        errors["expires_at"] = _("A token lives at most a year; please choose an earlier day.")
    return errors


@transaction.atomic
def create_token(
    *,
    person,
    name: str,
    access: str,
    expires_at: dt.datetime,
    organisation=None,
    round=None,
) -> tuple[ApiToken, str]:
    """A new token and its key; the key is shown once and never stored."""
    name = (name or "").strip()
    errors = token_errors(
        person=person,
        name=name,
        organisation=organisation,
        round=round,
        access=access,
        expires_at=expires_at,
        now=timezone.now(),
    )
    if errors:
        raise ValidationError(errors)
    secret, _hash = new_token()
    key = KEY_PREFIX + secret
    token = ApiToken.objects.create(
        person=person,
        name=name,
        organisation=organisation,
        round=round,
        access=access,
        expires_at=expires_at,
        key_hash=hash_token(key),
        prefix=key[: len(KEY_PREFIX) + 4],
    )
    log_action(
        person,
        "api.token_created",
        token,
        programme_round=round,
        data={"access": access, "organisation": getattr(organisation, "pk", None)},
    )
    return token, key


@transaction.atomic
def revoke_token(*, token: ApiToken, by) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action(by, "api.token_revoked", token, programme_round=token.round)
    return token


def token_for_key(key: str) -> ApiToken | None:
    """The active token this key belongs to, or None; notes when it was last used."""
    if not key.startswith(KEY_PREFIX) or not plausible_token(key[len(KEY_PREFIX) :]):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("person", "organisation", "round")
        .filter(key_hash=hash_token(key), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.person.is_active:
        return None
    # Once a minute at most, so that a busy client does not write on every request.
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def log_api_write(token: ApiToken, action: str, obj, *, programme_round=None) -> None:
    """Beside the service's own entry: which token made the change."""
    log_action(
        token.person,
        "api.write",
        obj,
        programme_round=programme_round,
        data={"operation": action, "token": token.pk, "token_prefix": token.prefix},
    )


# --- erasure and retention (called from personal_data.py) -----------------------------

# A token that stopped working stays listed this long, so that its owner sees what became
# of it; then it goes.
KEEP_ENDED_TOKENS = dt.timedelta(days=90)


def delete_tokens_of(*, person) -> int:
    """An erased person's tokens go (they stopped working when the account was closed)."""
    deleted, _ = ApiToken.objects.filter(person=person).delete()
    return deleted


def delete_ended_tokens(*, now: dt.datetime) -> int:
    """Tokens expired or revoked more than ``KEEP_ENDED_TOKENS`` ago go."""
    cutoff = now - KEEP_ENDED_TOKENS
    deleted, _ = ApiToken.objects.filter(
        Q(expires_at__lt=cutoff) | Q(revoked_at__lt=cutoff)
    ).delete()
    return deleted
