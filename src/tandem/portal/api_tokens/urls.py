from django.urls import path

from . import views

urlpatterns = [
    path("", views.api_tokens, name="api_tokens"),
    path("<int:api_token>/revoke/", views.revoke, name="api_token_revoke"),
]
