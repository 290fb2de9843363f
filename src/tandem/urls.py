from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from tandem.api.v1.api import api
from tandem.core.views import healthz, switch_language
from tandem.people import signup
from tandem.public import certificates
from tandem.public.views import accessibility, home

urlpatterns = [
    path("", home, name="home"),
    path("accessibility/", accessibility, name="accessibility"),
    # Before allauth's own: sign-up that starts with an invited person's name.
    path("accounts/signup/", signup.signup, name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("language/", switch_language, name="switch_language"),
    path("healthz", healthz, name="healthz"),
    path("manage/", include("tandem.manage.urls")),
    path("me/", include("tandem.portal.urls")),
    path("p/<slug:org>/<slug:programme>/<slug:round>/", include("tandem.public.urls")),
    path("verify/<str:public_id>/", certificates.verify_certificate, name="verify_certificate"),
    path(".well-known/jwks.json", certificates.badge_keys, name="badge_keys"),
    path(
        ".well-known/revoked-credentials.json",
        certificates.badge_revocations,
        name="badge_revocations",
    ),
    path("badges/issuers/<slug:org>/", certificates.badge_issuer, name="badge_issuer"),
]
if settings.TANDEM_ADMIN:
    urlpatterns.append(path("admin/", admin.site.urls))
