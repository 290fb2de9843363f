from django.urls import path

from . import views

urlpatterns = [
    path("", views.AlumniView.as_view(), name="round_alumni"),
    path("close/", views.CloseRoundView.as_view(), name="round_close"),
    path(
        "certificates/<int:certificate>/revoke/",
        views.CertificateRevokeView.as_view(),
        name="certificate_revoke",
    ),
    path(
        "certificates/<int:certificate>/reinstate/",
        views.CertificateReinstateView.as_view(),
        name="certificate_reinstate",
    ),
    path("next-round/", views.NextRoundView.as_view(), name="next_round"),
]
