"""Bearer tokens: ``Authorization: Bearer tdm_…``; sessions and cookies count for nothing."""

from ninja.security import HttpBearer

from ..services import token_for_key


class TokenAuth(HttpBearer):
    openapi_description = (
        "A personal API token, made on the page “API tokens” of one's own account (/me/api/)."
    )

    def authenticate(self, request, token):
        found = token_for_key(token)
        if found is None:
            return None
        person = found.person
        # A superuser's powers need a session that used the second factor (see
        # tandem.core.middleware); a token is no such session, so they are a plain person.
        person.superuser_powers = False
        request.user = person
        return found
