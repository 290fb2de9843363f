from django.urls import path

from . import views

urlpatterns = [
    path("", views.TandemOverviewView.as_view(), name="tandems"),
    path("nudge/", views.TandemNudgeView.as_view(), name="tandem_nudge"),
    path("new-match/", views.NewMatchView.as_view(), name="tandem_new_match"),
]
