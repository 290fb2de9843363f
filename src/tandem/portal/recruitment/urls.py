from django.urls import path

from . import views

# Included under /me/rounds/<org>/<programme>/<round>/recruitment/ (namespace "portal").
urlpatterns = [
    path("profile/", views.mentor_profile, name="recruitment_profile"),
    path("invitation/", views.mentor_invitation, name="recruitment_invitation"),
    path("supervisor-letter/", views.supervisor_letter, name="recruitment_supervisor_letter"),
]
