from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="evaluation"),
    path("interview.ics", views.interview_calendar, name="evaluation_interview_ics"),
    path("feedback-session.ics", views.feedback_calendar, name="evaluation_feedback_ics"),
]
