"""The admin for the platform's operators, behind the same door as everything else.

Django's own admin login checks the password alone: it knows neither allauth's rate
limits nor the second factor. So the admin has no login form of its own — its login
URL sends people to allauth's login and back — and it opens only for staff in a
session that used the second factor.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from tandem.core.access import second_factor_redirect, session_used_second_factor


class TandemAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and session_used_second_factor(request)

    def login(self, request, extra_context=None):
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            next_url = reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            query = urlencode({REDIRECT_FIELD_NAME: next_url})
            return redirect(f"{reverse('account_login')}?{query}")
        if not (user.is_active and user.is_staff):
            # Outside one's scope: 404, as everywhere on the platform.
            raise Http404
        detour = second_factor_redirect(request)
        if detour is not None:
            return detour
        return redirect(next_url)
