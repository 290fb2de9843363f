from django.urls import path

from . import views

urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("download/", views.download, name="my_data_download"),
    path("delete/", views.delete_account, name="delete_account"),
    path("deleted/", views.account_deleted, name="account_deleted"),
]
