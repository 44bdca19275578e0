from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class WorkshopConfig(OscarDashboardConfig):
    """A dashboard sub-app (URL names ``dashboard:workshop-*``) for artisan logins.

    Oscar's ``partner.dashboard_access`` lets a user in; every view then scopes what
    it reads and writes to the artisans the user logs in as (and refuses others).
    """

    name = "marketplace.workshop"
    label = "workshop"
    verbose_name = _("My workshop")
    default_permissions = ["partner.dashboard_access"]

    def get_urls(self):
        from .views import earnings, orders, products, stock

        urls = [
            path("", stock.WorkshopIndexView.as_view(), name="workshop-index"),
            path("stock/", stock.StockListView.as_view(), name="workshop-stock"),
            path("stock/export.csv", stock.StockExportView.as_view(), name="workshop-stock-export"),
            path("stock/import/", stock.StockImportView.as_view(), name="workshop-stock-import"),
            path("stock/<int:pk>/", stock.StockDetailView.as_view(), name="workshop-stock-detail"),
            path(
                "stock/<int:pk>/change/",
                stock.StockChangeView.as_view(),
                name="workshop-stock-change",
            ),
            path(
                "stock/<int:pk>/threshold/",
                stock.ThresholdView.as_view(),
                name="workshop-stock-threshold",
            ),
            path("products/", products.ProductListView.as_view(), name="workshop-product-list"),
            path(
                "products/new/",
                products.ProductKindView.as_view(),
                name="workshop-product-create",
            ),
            path(
                "products/new/<slug:kind>/",
                products.ProductCreateView.as_view(),
                name="workshop-product-create-kind",
            ),
            path(
                "products/<int:pk>/",
                products.ProductUpdateView.as_view(),
                name="workshop-product-update",
            ),
            path(
                "products/<int:pk>/submit/",
                products.ProductSubmitView.as_view(),
                name="workshop-product-submit",
            ),
            path(
                "products/<int:pk>/images/",
                products.ImageAddView.as_view(),
                name="workshop-product-image-add",
            ),
            path(
                "products/<int:pk>/images/<int:image_pk>/delete/",
                products.ImageDeleteView.as_view(),
                name="workshop-product-image-delete",
            ),
            path("orders/", orders.OrderListView.as_view(), name="workshop-order-list"),
            path("earnings/", earnings.EarningsView.as_view(), name="workshop-earnings"),
            path(
                "earnings/<int:artisan_id>/<int:centre_id>/statement/<int:year>/<int:month>/",
                earnings.EarningsStatementView.as_view(),
                name="workshop-statement",
            ),
            path(
                "orders/<str:number>/",
                orders.OrderDetailView.as_view(),
                name="workshop-order-detail",
            ),
        ]
        return self.post_process_urls(urls)
