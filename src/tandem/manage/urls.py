from django.urls import include, path

from . import people, records, views
from .mail import urls as mail_urls

app_name = "manage"

ROUND = "<slug:org>/<slug:programme>/<slug:round>/"

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisations"),
    # Before "<slug:org>/": these names are never an organisation's slug.
    path("audit-log/", records.AuditLogView.as_view(), name="audit_log"),
    path("audit-log.csv", records.AuditLogCsvView.as_view(), name="audit_log_csv"),
    path(
        "records-of-processing/",
        records.RecordsOfProcessingView.as_view(),
        name="records_of_processing",
    ),
    path(
        "records-of-processing.pdf",
        records.RecordsOfProcessingPdfView.as_view(),
        name="records_of_processing_pdf",
    ),
    path(
        "<slug:org>/audit-log/",
        records.OrganisationAuditLogView.as_view(),
        name="organisation_audit_log",
    ),
    path(
        "<slug:org>/audit-log.csv",
        records.OrganisationAuditLogCsvView.as_view(),
        name="organisation_audit_log_csv",
    ),
    path("<slug:org>/", views.OrganisationView.as_view(), name="organisation"),
    # Before the programme's paths: "people" is a reserved slug (programmes.services).
    path("<slug:org>/people/<int:person>/", people.PersonView.as_view(), name="person"),
    path("<slug:org>/<slug:programme>/", views.ProgrammeView.as_view(), name="programme"),
    path(
        "<slug:org>/<slug:programme>/topics/<int:topic>/remove/",
        views.TopicRemoveView.as_view(),
        name="topic_remove",
    ),
    path(
        "<slug:org>/<slug:programme>/rounds/new/",
        views.RoundCreateView.as_view(),
        name="round_create",
    ),
    path(
        "<slug:org>/<slug:programme>/texts/",
        include(mail_urls.programme_urlpatterns),
    ),
    path(ROUND, views.RoundView.as_view(), name="round"),
    path(ROUND + "edit/", views.RoundEditView.as_view(), name="round_edit"),
    path(ROUND + "phase/", views.RoundPhaseView.as_view(), name="round_phase"),
    path(ROUND + "roles/", views.RoundRolesView.as_view(), name="round_roles"),
    path(
        ROUND + "roles/<int:role>/remove/",
        views.RoundRoleRevokeView.as_view(),
        name="round_role_remove",
    ),
    path(
        ROUND + "roles/invitations/<int:invitation>/withdraw/",
        views.RoleInvitationWithdrawView.as_view(),
        name="round_invitation_withdraw",
    ),
    # Pages of later phases live in their own packages (one per domain area).
    path(ROUND + "recruitment/", include("tandem.manage.recruitment.urls")),
    path(ROUND + "applications/", include("tandem.manage.applications.urls")),
    path(ROUND + "mail/", include("tandem.manage.mail.urls")),
    path(ROUND + "matching/", include("tandem.manage.matching.urls")),
    path(ROUND + "tandems/", include("tandem.manage.tandems.urls")),
    path(ROUND + "training/", include("tandem.manage.training.urls")),
    path(ROUND + "alumni/", include("tandem.manage.alumni.urls")),
    path(ROUND + "evaluation/", include("tandem.manage.evaluation.urls")),
    path(ROUND + "surveys/", include("tandem.manage.surveys.urls")),
]
