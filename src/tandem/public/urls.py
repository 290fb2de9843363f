from django.urls import path

from . import call, gallery, invitation

app_name = "public"

# Included under /p/<org>/<programme>/<round>/.
urlpatterns = [
    path("", call.call_page, name="call"),
    path("gallery/", gallery.gallery, name="gallery"),
    path("gallery/<int:profile>/<slug:kind>/", gallery.gallery_file, name="gallery_file"),
    path("info-event/", gallery.info_event, name="info_event"),
    path("info-event.ics", gallery.info_event_ics, name="info_event_ics"),
    path("invitation/<str:token>/", invitation.invitation, name="invitation"),
]
