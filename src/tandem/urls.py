from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from tandem.api.v1.api import api
from tandem.core.views import switch_language
from tandem.public.views import accessibility, home

urlpatterns = [
    path("", home, name="home"),
    path("accessibility/", accessibility, name="accessibility"),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("language/", switch_language, name="switch_language"),
    path("manage/", include("tandem.manage.urls")),
    path("me/", include("tandem.portal.urls")),
    path("p/<slug:org>/<slug:programme>/<slug:round>/", include("tandem.public.urls")),
]
if settings.TANDEM_ADMIN:
    urlpatterns.append(path("admin/", admin.site.urls))
