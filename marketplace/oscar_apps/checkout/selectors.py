"""Reads for the checkout's staff pages."""

from django.db.models import QuerySet
from oscar.core.loading import get_model

from marketplace.centres.roles import is_marketplace_admin, managed_centres

BankTransfer = get_model("order", "BankTransfer")
Line = get_model("order", "Line")


def awaiting_bank_transfers(user) -> QuerySet:
    """Transfers still awaited for orders with a line of a centre ``user`` manages.

    Administrators see every one. Lines come prefetched (title, centre, artisan).
    """
    transfers = BankTransfer.objects.filter(status=BankTransfer.Status.AWAITING)
    if not is_marketplace_admin(user):
        transfers = transfers.filter(order__lines__centre__in=managed_centres(user)).distinct()
    return (
        transfers.select_related("order", "order__user")
        .prefetch_related("order__lines")
        .order_by("expires_at", "pk")
    )
