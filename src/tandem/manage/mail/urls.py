from django.urls import path

from . import views

# Included under /manage/<org>/<programme>/<round>/mail/ (namespace "manage").
urlpatterns = [
    path("texts/", views.TextListView.as_view(), name="mail_texts"),
    path("texts/<slug:key>/", views.TextEditView.as_view(), name="mail_text"),
    path("texts/<slug:key>/reset/", views.TextResetView.as_view(), name="mail_text_reset"),
    path("outbox/", views.OutboxView.as_view(), name="mail_outbox"),
    path("outbox/<int:mail>/", views.OutboxMailView.as_view(), name="mail_outbox_mail"),
]
