from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class ListingsConfig(OscarDashboardConfig):
    """Also a dashboard sub-app: the centre manager's review pages (``dashboard:listing-*``).

    Centre managers need no Oscar permission: the views check the user's centres.
    """

    name = "marketplace.listings"
    label = "listings"
    verbose_name = _("Listing approval")
    default_permissions = ["is_authenticated"]

    def ready(self):
        super().ready()
        from marketplace.core import manager_tasks

        from .task_hub import ApprovalTasks

        manager_tasks.register(ApprovalTasks())

    def get_urls(self):
        from . import views

        urls = [
            path("", views.ReviewListView.as_view(), name="listing-review-list"),
            path("<int:pk>/", views.ReviewDetailView.as_view(), name="listing-review-detail"),
            path("<int:pk>/approve/", views.ApproveView.as_view(), name="listing-review-approve"),
            path("<int:pk>/reject/", views.RejectView.as_view(), name="listing-review-reject"),
        ]
        return self.post_process_urls(urls)
