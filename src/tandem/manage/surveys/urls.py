from django.urls import path

from . import views

SURVEY = "<int:survey>/"

urlpatterns = [
    path("", views.SurveyListView.as_view(), name="surveys"),
    path("new/", views.SurveyCreateView.as_view(), name="survey_new"),
    path(SURVEY, views.SurveyView.as_view(), name="survey"),
    path(SURVEY + "items/new/", views.ItemAddView.as_view(), name="survey_item_add"),
    path(SURVEY + "items/<int:item>/", views.ItemEditView.as_view(), name="survey_item"),
    path(
        SURVEY + "items/<int:item>/remove/",
        views.ItemRemoveView.as_view(),
        name="survey_item_remove",
    ),
    path(SURVEY + "open/", views.SurveyOpenView.as_view(), name="survey_open"),
    path(SURVEY + "remind/", views.SurveyRemindView.as_view(), name="survey_remind"),
    path(SURVEY + "close/", views.SurveyCloseView.as_view(), name="survey_close"),
    path(SURVEY + "results/", views.ResultsView.as_view(), name="survey_results"),
    path(SURVEY + "results.pdf", views.ResultsPdfView.as_view(), name="survey_results_pdf"),
    path(SURVEY + "results.xlsx", views.ResultsXlsxView.as_view(), name="survey_results_xlsx"),
]
