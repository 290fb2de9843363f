from django.urls import include, path

from . import role_invitations, views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("institutions/", views.institution_search, name="institution_search"),
    path("data/", include("tandem.portal.privacy.urls")),
    path("api/", include("tandem.portal.api_tokens.urls")),
    path("rounds/<slug:org>/<slug:programme>/<slug:round>/", views.round_detail, name="round"),
    path(
        "rounds/<slug:org>/<slug:programme>/<slug:round>/role-invitation/<int:role_invitation>/",
        role_invitations.role_invitation,
        name="role_invitation",
    ),
    path(
        "rounds/<slug:org>/<slug:programme>/<slug:round>/recruitment/",
        include("tandem.portal.recruitment.urls"),
    ),
    path(
        "rounds/<slug:org>/<slug:programme>/<slug:round>/applications/",
        include("tandem.portal.applications.urls"),
    ),
    path(
        "rounds/<slug:org>/<slug:programme>/<slug:round>/proposal/",
        include("tandem.portal.matching.urls"),
    ),
    path(
        "rounds/<slug:org>/<slug:programme>/<slug:round>/tandem/polls/",
        include("tandem.portal.tandem_polls.urls"),
    ),
    path(
        "rounds/<slug:org>/<slug:programme>/<slug:round>/tandem/",
        include("tandem.portal.tandems.urls"),
    ),
    path(
        "rounds/<slug:org>/<slug:programme>/<slug:round>/training/",
        include("tandem.portal.training.urls"),
    ),
    path(
        "rounds/<slug:org>/<slug:programme>/<slug:round>/evaluation/",
        include("tandem.portal.evaluation.urls"),
    ),
    path(
        "rounds/<slug:org>/<slug:programme>/<slug:round>/surveys/",
        include("tandem.portal.surveys.urls"),
    ),
    path("calendar/", include("tandem.portal.tandems.feed_urls")),
    path("", include("tandem.portal.alumni.urls")),
]
