from django.urls import path

from . import views

# Included under /manage/<org>/<programme>/<round>/mail/ (namespace "manage").
urlpatterns = [
    path("texts/", views.RoundTextListView.as_view(), name="mail_texts"),
    path("texts/<slug:key>/", views.RoundTextEditView.as_view(), name="mail_text"),
    path("texts/<slug:key>/reset/", views.RoundTextResetView.as_view(), name="mail_text_reset"),
    path("outbox/", views.OutboxView.as_view(), name="mail_outbox"),
    path("message/", views.RoundMessageView.as_view(), name="mail_message"),
    path("outbox/<int:mail>/", views.OutboxMailView.as_view(), name="mail_outbox_mail"),
]

# Included under /manage/<org>/<programme>/texts/: the programme's own texts.
programme_urlpatterns = [
    path("", views.ProgrammeTextListView.as_view(), name="programme_texts"),
    path("<slug:key>/", views.ProgrammeTextEditView.as_view(), name="programme_text"),
    path("<slug:key>/reset/", views.ProgrammeTextResetView.as_view(), name="programme_text_reset"),
]
