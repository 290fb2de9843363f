from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from tandem.core.views import healthz, switch_language
from tandem.public.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("language/", switch_language, name="switch_language"),
    path("healthz", healthz, name="healthz"),
    path("manage/", include("tandem.manage.urls")),
    path("me/", include("tandem.portal.urls")),
    path("p/<slug:org>/<slug:programme>/<slug:round>/", include("tandem.public.urls")),
]
if settings.TANDEM_ADMIN:
    urlpatterns.append(path("admin/", admin.site.urls))
