from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="surveys"),
    path("<int:survey>/", views.survey, name="survey"),
]
