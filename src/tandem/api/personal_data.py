"""What the API holds about people: their tokens (never the key, only its hash)."""

import datetime as dt

from tandem.privacy.registry import Declaration, Holding

from . import services
from .models import ApiToken


def _iso(value):
    return value.isoformat() if value else None


def export(user) -> dict:
    return {
        "api_tokens": [
            {
                "name": token.name,
                "scope": str(token.organisation or token.round),
                "access": token.access,
                "created_at": _iso(token.created_at),
                "expires_at": _iso(token.expires_at),
                "last_used_at": _iso(token.last_used_at),
                "revoked_at": _iso(token.revoked_at),
            }
            for token in ApiToken.objects.filter(person=user).select_related(
                "organisation", "round"
            )
        ]
    }


def erase(user) -> dict:
    return {"api_tokens": services.delete_tokens_of(person=user)}


def apply_retention(now: dt.datetime) -> int:
    return services.delete_ended_tokens(now=now)


def count(user) -> dict[str, int]:
    return {"api_tokens": ApiToken.objects.filter(person=user).count()}


DECLARATION = Declaration(
    app_label="api",
    holdings=(
        Holding(
            "api.ApiToken",
            ("person", "name", "last_used_at"),
            "the token's owner",
            "reaching the REST API with a personal token",
            "the owner only",
            "until revoked or expired, then 90 days; at once when the account is deleted",
        ),
    ),
    export=export,
    erase=erase,
    count=count,
    apply_retention=apply_retention,
    retention_label="API token(s) ended more than 90 days ago removed",
    erase_order=10,
)
