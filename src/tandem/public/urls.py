from django.urls import path

from . import call, gallery, imported_application, invitation, role_invitation

app_name = "public"

# Included under /p/<org>/<programme>/<round>/.
urlpatterns = [
    path("", call.call_page, name="call"),
    path("gallery/", gallery.gallery, name="gallery"),
    path("gallery/<int:profile>/<slug:kind>/", gallery.gallery_file, name="gallery_file"),
    path("info-event/", gallery.info_event, name="info_event"),
    path("info-event.ics", gallery.info_event_ics, name="info_event_ics"),
    path("info-event/confirm/<str:token>/", gallery.info_event_confirm, name="info_event_confirm"),
    path("invitation/<str:token>/", invitation.invitation, name="invitation"),
    path("role-invitation/<str:token>/", role_invitation.role_invitation, name="role_invitation"),
    path(
        "imported-application/<str:token>/",
        imported_application.imported_application,
        name="imported_application",
    ),
]
