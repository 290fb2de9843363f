from django.urls import path

from . import views

SESSION = "sessions/<int:session>/"
BOOKING = "consultations/bookings/<int:booking>/"

urlpatterns = [
    path("", views.SessionListView.as_view(), name="training"),
    path("sessions/new/", views.SessionCreateView.as_view(), name="training_session_new"),
    path(SESSION, views.SessionView.as_view(), name="training_session"),
    path(SESSION + "edit/", views.SessionEditView.as_view(), name="training_session_edit"),
    path(SESSION + "invite/", views.SessionInviteView.as_view(), name="training_invite"),
    path(SESSION + "attendance/", views.AttendanceView.as_view(), name="training_attendance"),
    path(SESSION + "materials/", views.MaterialAddView.as_view(), name="training_material_add"),
    path(
        SESSION + "materials/<int:material>/",
        views.MaterialFileView.as_view(),
        name="training_material",
    ),
    path(
        SESSION + "materials/<int:material>/remove/",
        views.MaterialRemoveView.as_view(),
        name="training_material_remove",
    ),
    path("consultations/", views.ConsultationsView.as_view(), name="consultations"),
    path(
        "consultations/slots/<int:slot>/remove/",
        views.SlotRemoveView.as_view(),
        name="consultation_slot_remove",
    ),
    path(BOOKING, views.BookingView.as_view(), name="consultation_booking"),
    path(
        BOOKING + "cancel/", views.BookingCancelView.as_view(), name="consultation_booking_cancel"
    ),
    path(
        BOOKING + "calendar.ics",
        views.BookingCalendarView.as_view(),
        name="consultation_booking_ics",
    ),
]
