from django.urls import path

from .. import online
from . import views

SESSION = "sessions/<int:session>/"

urlpatterns = [
    path("", views.overview, name="training"),
    path(SESSION, views.session, name="training_session"),
    path(SESSION + "answer/", views.answer, name="training_answer"),
    path(SESSION + "calendar.ics", views.session_calendar, name="training_session_ics"),
    path(SESSION + "materials/<int:material>/", views.material, name="training_material"),
    path(SESSION + "online/", online.session_room, name="training_online_room"),
    path("consultations/", views.consultations_page, name="consultations"),
    path("consultations/<int:slot>/book/", views.book, name="consultation_book"),
    path("consultations/bookings/<int:booking>/cancel/", views.cancel, name="consultation_cancel"),
    path(
        "consultations/bookings/<int:booking>/online/",
        online.consultation_room,
        name="consultation_online_room",
    ),
    path(
        "consultations/bookings/<int:booking>/calendar.ics",
        views.booking_calendar,
        name="consultation_ics",
    ),
]
