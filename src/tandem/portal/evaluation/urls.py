from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="evaluation"),
    path("interview/book/", views.book_interview, name="evaluation_interview_book"),
    path("interview/cancel/", views.cancel_interview, name="evaluation_interview_cancel"),
    path("interview.ics", views.interview_calendar, name="evaluation_interview_ics"),
    path("feedback-session.ics", views.feedback_calendar, name="evaluation_feedback_ics"),
]
