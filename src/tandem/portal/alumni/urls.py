from django.urls import path

from . import views

urlpatterns = [
    path("certificates/", views.certificates, name="certificates"),
    path("certificates/<int:certificate>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path(
        "certificates/<int:certificate>/badge/", views.certificate_badge, name="certificate_badge"
    ),
    path("alumni/<slug:org>/<slug:programme>/", views.directory, name="alumni_directory"),
    path(
        "alumni/<slug:org>/<slug:programme>/leave/",
        views.directory_leave,
        name="alumni_directory_leave",
    ),
]
