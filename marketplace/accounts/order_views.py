"""The buyer's order history and order pages: Oscar's views, reading the lines in bulk.

Oscar's history counts each order's items with a query per order, and its order page
reads each line's product, options, artisan, centre and the "may I review it" check
one line at a time (28 queries for 1 line, 73 for 10); the guest's order page reads
each line's options, product, artisan, centre and shipping events one at a time too
(17 queries for 1 line, 62 for 10). These subclasses read them with the order, so the
pages cost the same for 1 order or line as for 100. They are mounted on Oscar's own
paths (``marketplace/urls.py``), so ``customer:order-list``, ``customer:order`` and
``customer:anon-order`` keep their names and addresses.
"""

from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect
from oscar.core.loading import get_class, get_model

Line = get_model("order", "Line")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
ProductReview = get_model("reviews", "ProductReview")
OscarOrderHistoryView = get_class("customer.views", "OrderHistoryView")
OscarOrderDetailView = get_class("customer.views", "OrderDetailView")
OscarAnonymousOrderDetailView = get_class("customer.views", "AnonymousOrderDetailView")
OscarOrderLineView = get_class("customer.views", "OrderLineView")


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


class AnonymousOrderDetailView(OscarAnonymousOrderDetailView):
    """The guest's order page (its number, hash and e-mail checked by Oscar), with its
    lines' options, product, maker and shipping events read with the order."""

    def get_object(self, queryset=None):
        # Oscar asks twice (in dispatch, then to render): checked and read once.
        if not hasattr(self, "_order"):
            self._order = super().get_object()
            if self._order is not None:
                lines = Line.objects.select_related(
                    "artisan", "centre", "product"
                ).prefetch_related(
                    "attributes__option",
                    "shipping_events__event_type",
                    "shipping_events__line_quantities",
                )
                prefetch_related_objects(
                    [self._order], Prefetch("lines", queryset=lines.order_by("pk"))
                )
        return self._order


class OrderLineView(OscarOrderLineView):
    """One line of the buyer's order: a POST orders it again (Oscar's form).

    Oscar's view has no page of its own: a GET failed for want of a template, and a
    line number that is not the order's failed too (500). Now a GET goes to the
    order's page and an unknown order or line is a 404, for a GET and a POST alike.
    """

    def get_object(self, queryset=None):
        order = get_object_or_404(Order, user=self.request.user, number=self.kwargs["order_number"])
        return get_object_or_404(order.lines, pk=self.kwargs["line_id"])

    def get(self, request, *args, **kwargs):
        self.get_object()
        return redirect("customer:order", order_number=self.kwargs["order_number"])
