from django.urls import path

from . import views

urlpatterns = [
    path("", views.poll_list, name="tandem_polls"),
    path("<int:poll>/", views.poll_detail, name="tandem_poll"),
    path("<int:poll>/state/", views.poll_state, name="tandem_poll_state"),
]
