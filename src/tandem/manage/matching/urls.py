from django.urls import path

from . import review_views, views

# Included under /manage/<org>/<programme>/<round>/matching/ (namespace "manage").
urlpatterns = [
    path("", views.OverviewView.as_view(), name="matching"),
    path("runs/<int:run>/", views.RunView.as_view(), name="matching_run"),
    path("runs/<int:run>/progress/", views.RunProgressView.as_view(), name="matching_progress"),
    path("runs/<int:run>/cancel/", views.RunCancelView.as_view(), name="matching_cancel"),
    path("institutions/", views.InstitutionsView.as_view(), name="matching_institutions"),
    path("runs/<int:run>/gaps/", views.GapsView.as_view(), name="matching_gaps"),
    path("runs/<int:run>/send/", views.SendView.as_view(), name="matching_send"),
    path(
        "runs/<int:run>/proposals/<int:proposal>/rule/",
        views.PairRuleView.as_view(),
        name="matching_pair_rule",
    ),
    path("rules/<int:rule>/remove/", views.RuleRemoveView.as_view(), name="matching_rule_remove"),
    path(
        "proposals/<int:proposal>/withdraw/", views.WithdrawView.as_view(), name="matching_withdraw"
    ),
    path("overdue/", review_views.OverdueView.as_view(), name="matching_overdue"),
    path("runs/<int:run>/matrix/", review_views.MatrixView.as_view(), name="matching_matrix"),
    path("runs/<int:run>/swap/", review_views.SwapView.as_view(), name="matching_swap"),
]
