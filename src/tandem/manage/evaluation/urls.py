from django.urls import path

from . import views

INTERVIEW = "interviews/<int:interview>/"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="evaluation"),
    path("interviews/new/", views.InterviewCreateView.as_view(), name="evaluation_interview_new"),
    path("interviews/slots/", views.InterviewSlotsView.as_view(), name="evaluation_slots"),
    path(
        "interviews/slots/<int:slot>/remove/",
        views.InterviewSlotRemoveView.as_view(),
        name="evaluation_slot_remove",
    ),
    path(INTERVIEW, views.InterviewView.as_view(), name="evaluation_interview"),
    path(INTERVIEW + "edit/", views.InterviewEditView.as_view(), name="evaluation_interview_edit"),
    path(
        INTERVIEW + "status/",
        views.InterviewStatusView.as_view(),
        name="evaluation_interview_status",
    ),
    path(
        INTERVIEW + "calendar.ics",
        views.InterviewCalendarView.as_view(),
        name="evaluation_interview_ics",
    ),
    path("feedback/", views.FeedbackView.as_view(), name="evaluation_feedback"),
    path("feedback/invite/", views.FeedbackInviteView.as_view(), name="evaluation_feedback_invite"),
    path(
        "feedback/attendance/",
        views.FeedbackAttendanceView.as_view(),
        name="evaluation_feedback_attendance",
    ),
    path(
        "feedback/summary/",
        views.FeedbackSummaryView.as_view(),
        name="evaluation_feedback_summary",
    ),
    path("feedback/cancel/", views.FeedbackCancelView.as_view(), name="evaluation_feedback_cancel"),
    path(
        "feedback/calendar.ics",
        views.FeedbackCalendarView.as_view(),
        name="evaluation_feedback_ics",
    ),
    path("report/", views.ReportView.as_view(), name="round_report"),
    path("report/report.pdf", views.ReportPdfView.as_view(), name="round_report_pdf"),
    path("report/report.xlsx", views.ReportXlsxView.as_view(), name="round_report_xlsx"),
]
