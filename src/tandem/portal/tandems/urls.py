from django.urls import path

from .. import online
from . import calendars, meetings, phase, views

MEETING = "<int:tandem>/meetings/<int:meeting>/"

urlpatterns = [
    path("", views.workspace, name="tandem"),
    path("<int:tandem>/", views.workspace_of, name="tandem_workspace"),
    path("<int:tandem>/agreement/", views.agreement, name="tandem_agreement"),
    path(
        "<int:tandem>/agreement/confirm/", views.agreement_confirm, name="tandem_agreement_confirm"
    ),
    path("<int:tandem>/goals/", views.goal_add, name="tandem_goal_add"),
    path("<int:tandem>/goals/<int:goal>/", views.goal, name="tandem_goal"),
    path("<int:tandem>/goals/<int:goal>/remove/", views.goal_remove, name="tandem_goal_remove"),
    path("<int:tandem>/calendar/", calendars.calendar_feed, name="tandem_calendar_feed"),
    path("<int:tandem>/online/", online.tandem_room, name="tandem_online_room"),
    path("<int:tandem>/end/", phase.end, name="tandem_end"),
    path("<int:tandem>/series/", phase.series_list, name="tandem_series"),
    path("<int:tandem>/series/<int:series>/", phase.series_detail, name="tandem_series_detail"),
    path("<int:tandem>/meetings/new/", meetings.meeting_new, name="tandem_meeting_new"),
    path(MEETING, meetings.meeting, name="tandem_meeting"),
    path(MEETING + "edit/", meetings.meeting_edit, name="tandem_meeting_edit"),
    path(MEETING + "status/", meetings.meeting_status, name="tandem_meeting_status"),
    path(MEETING + "time/", meetings.meeting_time, name="tandem_meeting_time"),
    path(MEETING + "notes/", meetings.note_add, name="tandem_note_add"),
    path(MEETING + "notes/<int:note>/", meetings.note, name="tandem_note"),
    path(MEETING + "notes/<int:note>/remove/", meetings.note_remove, name="tandem_note_remove"),
    path(MEETING + "calendar.ics", calendars.meeting_ics, name="tandem_meeting_ics"),
]
