"""Orders that contain the artisan's pieces — only the artisan's own lines.

What an artisan sees of an order, and why: the order number, date and status; their
own lines (product, SKU, quantity, their price, line status); and the shipping
address and method, because each artisan sends their own pieces from their
workshop. Never: other artisans' lines, the order or shipping totals, discounts,
payment, the billing address or the customer's e-mail and account.
"""

from django.views import generic

from ..access import ArtisanRequiredMixin
from ..selectors import own_order, own_orders


class OrderListView(ArtisanRequiredMixin, generic.ListView):
    template_name = "workshop/order_list.html"
    context_object_name = "orders"
    paginate_by = 25

    def get_queryset(self):
        return own_orders(self.partner_ids)


class OrderDetailView(ArtisanRequiredMixin, generic.TemplateView):
    template_name = "workshop/order_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["order"] = own_order(self.partner_ids, kwargs["number"])
        return ctx
