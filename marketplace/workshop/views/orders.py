"""Orders that contain the artisan's pieces — only the artisan's own lines.

What an artisan sees of an order, and why: the order number, date and status; their
own lines (product, SKU, quantity, their price, line status); and the shipping
address and method, because each artisan sends their own pieces from their
workshop. Never: other artisans' lines, the order or shipping totals, discounts,
payment, the billing address or the customer's e-mail and account.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import ngettext
from django.views import generic

from marketplace.oscar_apps.order.statuses import OrderStatus

from ..access import ArtisanRequiredMixin
from ..forms import ShipLinesForm
from ..fulfilment import SHIPPABLE_STATUSES, ship_own_lines, shippable
from ..selectors import own_order, own_orders

UNPAID_STATUSES = (OrderStatus.AUTHORISED, OrderStatus.AWAITING_PAYMENT)


class OrderListView(ArtisanRequiredMixin, generic.ListView):
    template_name = "workshop/order_list.html"
    context_object_name = "orders"
    paginate_by = 25

    def get_queryset(self):
        return own_orders(self.partner_ids)


class OrderDetailView(ArtisanRequiredMixin, generic.TemplateView):
    """The artisan's lines of one order; they send their pieces from here (POST)."""

    template_name = "workshop/order_detail.html"

    def ship_form(self, order, data=None):
        return ShipLinesForm(data, lines=[line for line in order.own_lines if shippable(line)])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = own_order(self.partner_ids, kwargs["number"])
        ctx["order"] = order
        ctx.setdefault("ship_form", self.ship_form(order))
        ctx["can_ship"] = order.status in SHIPPABLE_STATUSES and bool(
            ctx["ship_form"].fields["lines"].choices
        )
        ctx["awaiting_payment"] = order.status in UNPAID_STATUSES
        return ctx

    def post(self, request, *args, **kwargs):
        order = own_order(self.partner_ids, kwargs["number"])  # someone else's: 404
        form = self.ship_form(order, request.POST)
        if form.is_valid():
            try:
                sent = ship_own_lines(
                    partner_ids=self.partner_ids,
                    order_number=order.number,
                    line_ids=[int(pk) for pk in form.cleaned_data["lines"]],
                    courier=form.cleaned_data["courier"],
                    tracking_number=form.cleaned_data["tracking_number"],
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                count = sum(line.quantity for line in sent)
                messages.success(
                    request,
                    ngettext(
                        "%(count)s piece marked sent; the buyer has been told.",
                        "%(count)s pieces marked sent; the buyer has been told.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect("dashboard:workshop-order-detail", number=order.number)
        return self.render_to_response(self.get_context_data(ship_form=form, **kwargs))
