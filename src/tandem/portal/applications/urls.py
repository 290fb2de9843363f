from django.urls import path

from . import views

urlpatterns = [
    path("apply/", views.apply, name="application_apply"),
    path("withdraw/", views.withdraw, name="application_withdraw"),
    path("reopen/", views.reopen, name="application_reopen"),
]
