"""Changes to accounts that other apps ask for through the registry (erasure)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction

# Stored on the record, so in no particular UI language.
ERASED_NAME = "Deleted person"


def anonymous_address(person) -> str:
    # The reserved top-level domain ".invalid" (RFC 2606) can never receive mail.
    return f"deleted-{person.pk}@invalid"


@transaction.atomic
def anonymise_account(*, person) -> dict[str, int]:
    """The record keeps its id (keys and the audit trail stay) but names nobody any more;
    the login addresses and second factors go."""
    person.name = ERASED_NAME
    person.email = anonymous_address(person)
    person.position = ""
    person.institution = None
    person.language = settings.LANGUAGE_CODE
    person.time_zone = settings.TIME_ZONE
    person.is_active = person.is_staff = person.is_superuser = False
    # A changed password hash also ends the person's sessions on other devices.
    person.set_unusable_password()
    person.save()
    person.groups.clear()
    person.user_permissions.clear()
    addresses, _ = EmailAddress.objects.filter(user=person).delete()
    factors, _ = Authenticator.objects.filter(user=person).delete()
    return {"email_addresses": addresses, "second_factors": factors}
