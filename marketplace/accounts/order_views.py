"""The buyer's order history and order page: Oscar's views, reading the lines in bulk.

Oscar's history counts each order's items with a query per order, and its order page
reads each line's product, options, artisan, centre and the "may I review it" check
one line at a time (28 queries for 1 line, 73 for 10). These subclasses read them
with the order, so the pages cost the same for 1 order or line as for 100. They are
mounted on Oscar's own paths (``marketplace/urls.py``), so ``customer:order-list`` and
``customer:order`` keep their names and addresses.
"""

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from oscar.core.loading import get_class, get_model

Line = get_model("order", "Line")
Product = get_model("catalogue", "Product")
ProductReview = get_model("reviews", "ProductReview")
OscarOrderHistoryView = get_class("customer.views", "OrderHistoryView")
OscarOrderDetailView = get_class("customer.views", "OrderDetailView")


class OrderHistoryView(OscarOrderHistoryView):
    def get_queryset(self):
        # ``Order.num_items`` sums the quantities of ``lines.all()``: prefetched here.
        quantities = Line.objects.only("id", "order_id", "quantity")
        return super().get_queryset().prefetch_related(Prefetch("lines", queryset=quantities))


class OrderDetailView(OscarOrderDetailView):
    def get_object(self, queryset=None):
        user = self.request.user
        products = Product.objects.annotate(
            reviewed_by_viewer=Exists(
                ProductReview.objects.filter(product=OuterRef("pk"), user=user)
            )
        )
        lines = (
            Line.objects.select_related("artisan", "centre")
            .prefetch_related("attributes__option", Prefetch("product", queryset=products))
            .order_by("pk")
        )
        orders = self.model._default_manager.select_related(
            "bank_transfer", "shipping_address__country", "billing_address__country"
        ).prefetch_related(Prefetch("lines", queryset=lines))
        return get_object_or_404(orders, user=user, number=self.kwargs["order_number"])
