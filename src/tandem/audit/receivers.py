"""Logins, failed logins and second-factor changes go to the audit log.

Only who and what: never the address or password typed into a failed login (a password
typed into the wrong field would end up in the log), never a factor's secret.
"""

from django.contrib.auth import get_user_model

from .services import log_action, log_anonymous_attempt


def logged_in(sender, request=None, user=None, **kwargs):
    log_action(user, "account.logged_in", user)


def login_failed(sender, credentials, request=None, **kwargs):
    typed = credentials.get("email") or credentials.get("username") or ""
    User = get_user_model()
    user = User.objects.filter(email__iexact=typed).first() if typed else None
    if user is not None:
        log_action(None, "account.login_failed", user)
    else:
        # An address without an account: that an attempt failed, nothing of what was typed.
        log_anonymous_attempt("account.login_failed", User)


def _factor(action):
    def receiver(sender, request=None, user=None, authenticator=None, **kwargs):
        user = user or getattr(authenticator, "user", None)
        if user is None:
            return
        data = {"type": authenticator.type} if authenticator is not None else {}
        log_action(user, action, user, data=data)

    return receiver


second_factor_added = _factor("account.second_factor_added")
second_factor_removed = _factor("account.second_factor_removed")
second_factor_reset = _factor("account.second_factor_reset")
