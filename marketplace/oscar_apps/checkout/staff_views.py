"""Staff pages of the checkout: confirming that a bank transfer arrived.

For marketplace administrators and the managers of the centres whose pieces are in
the order (``marketplace.centres.roles``). ``confirm_bank_transfer`` is the service
behind the button, for other pages (the centre manager's task hub) to reuse.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import generic
from oscar.core.loading import get_model

from marketplace.centres.roles import is_centre_manager, is_marketplace_admin
from marketplace.core.redirects import safe_next_url

from .selectors import awaiting_bank_transfers
from .services.bank_transfer import TransferNotConfirmable, confirm_bank_transfer

Order = get_model("order", "Order")


class StaffOnlyMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (is_marketplace_admin(user) or is_centre_manager(user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class BankTransferListView(StaffOnlyMixin, generic.ListView):
    template_name = "checkout/bank_transfers.html"
    context_object_name = "transfers"
    paginate_by = 50

    def get_queryset(self):
        return awaiting_bank_transfers(self.request.user)


class ConfirmBankTransferView(StaffOnlyMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        order = get_object_or_404(Order, number=kwargs["order_number"])
        try:
            confirm_bank_transfer(order=order, user=request.user)
        except TransferNotConfirmable as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Payment for order %(number)s received.") % {"number": order.number}
            )
        return redirect(safe_next_url(request) or "checkout:bank-transfers")
