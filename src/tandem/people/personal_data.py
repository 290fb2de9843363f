"""The account's personal data: profile, login addresses, second factors.

Also the two helpers other apps use to find a person's rows by e-mail address (candidate
lists and info-event registrations need no account). Only verified addresses count:
anyone can add someone else's address to an account without confirming it.
"""

from functools import reduce
from operator import or_

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Q

from tandem.privacy.registry import Declaration, Holding

from . import services


def iso(value) -> str | None:
    """Dates and times in the export: ISO 8601 strings."""
    return value.isoformat() if value is not None else None


def addresses_of(user) -> set[str]:
    """The login address and every verified address of the person, in lower case."""
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return {address.lower() for address in [user.email, *verified] if address}


def email_matches(addresses, field: str = "email") -> Q:
    """A filter for rows whose ``field`` is one of the addresses (any letter case)."""
    conditions = [Q(**{f"{field}__iexact": address}) for address in addresses]
    return reduce(or_, conditions) if conditions else Q(pk__in=[])


def count(user) -> dict[str, int]:
    return {
        "account": 1,
        "email_addresses": EmailAddress.objects.filter(user=user).count(),
        "second_factors": Authenticator.objects.filter(user=user).count(),
    }


def export(user) -> dict:
    institution = user.institution
    return {
        "account": {
            "name": user.name,
            "email": user.email,
            "position": user.position,
            "institution": None
            if institution is None
            else {
                "name": institution.name,
                "type": institution.type,
                "size_class": institution.size_class,
                "city": institution.city,
            },
            "language": user.language,
            "time_zone": user.time_zone,
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "is_demo": user.is_demo,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        # Which factors exist and when they were used, never their secrets.
        "second_factors": [
            {
                "type": factor.type,
                "created_at": iso(factor.created_at),
                "last_used_at": iso(factor.last_used_at),
            }
            for factor in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
    }


def erase(user) -> dict[str, int]:
    return services.anonymise_account(person=user)


DECLARATION = Declaration(
    app_label="people",
    holdings=(
        Holding(
            model="people.User",
            fields=("email", "name", "position", "institution", "language", "time_zone"),
            whose="the account holder",
            purpose="to log in and to be addressed",
            seen_by="the person; the coordinators and trainers of their rounds",
            retention="until the person deletes the account (then anonymised)",
        ),
    ),
    export=export,
    erase=erase,
    count=count,
    # A coordinator opening the person's page (manage/people.py) is audited.
    records=lambda user: {"people.user": [user.pk]},
    # Last: the other apps find the person's rows through the addresses erased here.
    erase_order=1000,
)
