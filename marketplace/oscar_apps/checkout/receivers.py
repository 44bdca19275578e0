"""Reactions to Oscar's signals: a cancelled order never keeps its pieces.

However an order is cancelled (the expiry command, a lapsed card authorisation, or
staff in Oscar's dashboard), the stock it still holds goes back on sale.
"""

from django.db import transaction
from oscar.apps.order.signals import order_status_changed

from marketplace.oscar_apps.order.statuses import OrderStatus

from .services.placement import release_order_stock


def release_stock_of_cancelled_order(sender, order, old_status, new_status, **kwargs):
    if new_status == OrderStatus.CANCELLED:
        with transaction.atomic():
            release_order_stock(order)


def connect() -> None:
    order_status_changed.connect(
        release_stock_of_cancelled_order, dispatch_uid="checkout-release-cancelled-stock"
    )
