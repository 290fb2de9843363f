"""The admin shows people's authenticators without their secrets.

allauth's own admin page for authenticators shows the stored data: the TOTP secret and
the recovery codes' seed, from which anyone could make that person's codes. Operators
need to see that a factor exists and to remove one that a person lost (the person then
sets up a new one), never the secret.
"""

from allauth.mfa.admin import AuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin

admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class SecretFreeAuthenticatorAdmin(AuthenticatorAdmin):
    exclude = ("data",)
    readonly_fields = ("user", "type", "created_at", "last_used_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
