"""Account events the platform answers.

Setting up an authenticator proves the person holds it (they typed a valid code), so the
session counts as one that used the second factor: the coordinator who was sent to set it
up goes on to the page they wanted instead of being asked for a code at once again.
"""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator


def record_second_factor_on_setup(sender, request, user, authenticator, **kwargs):
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, method="mfa", type="totp", setup=True)
