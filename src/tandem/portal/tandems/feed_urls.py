"""The personal calendar feed: outside the round pages, because it spans all rounds."""

from django.urls import re_path

from . import calendars

urlpatterns = [
    re_path(r"^(?P<token>[A-Za-z0-9_-]{20,64})\.ics$", calendars.feed, name="calendar_feed"),
]
