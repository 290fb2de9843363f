"""Tokens for the API tests: made through the service, as the token page does."""

import datetime as dt

from django.utils import timezone

from tandem.api.enums import TokenAccess
from tandem.api.services import create_token


def token_for(person, *, round=None, organisation=None, write=False, days=30):
    _token, key = create_token(
        person=person,
        name="Test",
        access=TokenAccess.READ_WRITE if write else TokenAccess.READ,
        expires_at=timezone.now() + dt.timedelta(days=days),
        round=round,
        organisation=organisation,
    )
    return key


def bearer(key) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
