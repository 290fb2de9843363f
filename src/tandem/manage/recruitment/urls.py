from django.urls import path

from . import views

# Included under /manage/<org>/<programme>/<round>/recruitment/ (namespace "manage").
urlpatterns = [
    path("", views.CandidateListView.as_view(), name="recruitment_candidates"),
    path(
        "candidates/<int:candidate>/",
        views.CandidateEditView.as_view(),
        name="recruitment_candidate_edit",
    ),
    path(
        "candidates/<int:candidate>/status/",
        views.CandidateStatusView.as_view(),
        name="recruitment_candidate_status",
    ),
    path(
        "candidates/<int:candidate>/remove/",
        views.CandidateRemoveView.as_view(),
        name="recruitment_candidate_remove",
    ),
    path("invite/", views.InviteView.as_view(), name="recruitment_invite"),
    path("outbox/", views.OutboxView.as_view(), name="recruitment_outbox"),
    path("info-event/", views.InfoEventView.as_view(), name="recruitment_info_event"),
    path("profiles/", views.ProfileListView.as_view(), name="recruitment_profiles"),
]
