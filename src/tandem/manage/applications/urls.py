from django.urls import path

from . import views

urlpatterns = [
    path("", views.ApplicationListView.as_view(), name="application_list"),
    path("bulk/", views.ApplicationBulkView.as_view(), name="application_bulk"),
    path("export/", views.ApplicationExportView.as_view(), name="application_export"),
    path("import/", views.ImportUploadView.as_view(), name="application_import"),
    path("import/columns/", views.ImportMappingView.as_view(), name="application_import_map"),
    path("import/preview/", views.ImportPreviewView.as_view(), name="application_import_preview"),
    path("<int:pk>/", views.ApplicationDetailView.as_view(), name="application_detail"),
]
