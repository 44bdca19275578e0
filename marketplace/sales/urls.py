from django.urls import path

from .views import dashboard, settlements

app_name = "sales"

urlpatterns = [
    path("sales/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("sales/export/<slug:table>.csv", dashboard.ExportView.as_view(), name="export"),
    path("settlements/", settlements.SettlementListView.as_view(), name="settlements"),
    path(
        "settlements/export.csv",
        settlements.SettlementExportView.as_view(),
        name="settlements-export",
    ),
    path(
        "settlements/<int:centre_id>/<int:artisan_id>/",
        settlements.AccountView.as_view(),
        name="account",
    ),
    path(
        "settlements/<int:centre_id>/<int:artisan_id>/ledger.csv",
        settlements.AccountExportView.as_view(),
        name="account-export",
    ),
    path(
        "settlements/<int:centre_id>/<int:artisan_id>/entries/<int:entry_id>/reverse/",
        settlements.ReverseEntryView.as_view(),
        name="reverse-entry",
    ),
    path(
        "settlements/<int:centre_id>/<int:artisan_id>/statement/<int:year>/<int:month>/",
        settlements.StatementView.as_view(),
        name="statement",
    ),
]
