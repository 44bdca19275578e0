"""Reads for the checkout's staff pages."""

from django.db.models import Prefetch, QuerySet
from oscar.core.loading import get_model

from marketplace.centres.roles import is_marketplace_admin, managed_centres

BankTransfer = get_model("order", "BankTransfer")
Line = get_model("order", "Line")


def awaiting_bank_transfers(user) -> QuerySet:
    """Transfers still awaited for orders with a line of a centre ``user`` manages, as
    ``awaiting_bank_transfers_in`` gives them (with the buyer, for the e-mail shown).

    Administrators see every one.
    """
    return awaiting_bank_transfers_in(
        managed_centres(user), is_admin=is_marketplace_admin(user)
    ).select_related("order__user")


def awaiting_bank_transfers_in(centres, *, is_admin: bool) -> QuerySet:
    """Transfers still awaited for orders with a line of ``centres`` (any, for an admin).

    For the task hub, which already knows the user's centres. Each order's lines of
    those centres come prefetched as ``order.centre_lines`` (a manager does not see
    what the buyer ordered from other centres). Soonest expiry first.
    """
    transfers = BankTransfer.objects.filter(status=BankTransfer.Status.AWAITING)
    lines = Line.objects.order_by("pk")
    if not is_admin:
        centre_ids = [centre.pk for centre in centres]
        transfers = transfers.filter(
            order__in=Line.objects.filter(centre__in=centre_ids).values("order_id")
        )
        lines = lines.filter(centre__in=centre_ids)
    return (
        transfers.select_related("order")
        .prefetch_related(Prefetch("order__lines", queryset=lines, to_attr="centre_lines"))
        .order_by("expires_at", "pk")
    )
