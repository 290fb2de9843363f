from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "tandem.audit"
    verbose_name = _("Audit log")

    def ready(self):
        from tandem.privacy.registry import register

        from .personal_data import DECLARATION

        register(DECLARATION)

        from allauth.account import signals as account
        from allauth.mfa import signals as mfa
        from django.contrib.auth import signals as auth

        from . import receivers

        # allauth's signal: a login through the login page (with its second factor).
        account.user_logged_in.connect(receivers.logged_in, dispatch_uid="audit.logged_in")
        auth.user_login_failed.connect(receivers.login_failed, dispatch_uid="audit.login_failed")
        for signal, receiver, uid in (
            (mfa.authenticator_added, receivers.second_factor_added, "added"),
            (mfa.authenticator_removed, receivers.second_factor_removed, "removed"),
            (mfa.authenticator_reset, receivers.second_factor_reset, "reset"),
        ):
            signal.connect(receiver, dispatch_uid=f"audit.second_factor_{uid}")
