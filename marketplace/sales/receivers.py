"""Reactions to Oscar's order signals: earnings are posted when an order is paid.

Oscar publishes ``order_placed`` and ``order_status_changed``. When an order enters a
counted status (``SALES_REPORTED_ORDER_STATUSES``, e.g. "Paid"), each artisan's
earnings are posted; when a counted order leaves them (cancelled), what is left of
its sales is refunded. Both are idempotent, so a repeated signal adds nothing.
"""

from oscar.apps.order.signals import order_placed, order_status_changed

from . import conf, report_cache, services


def post_earnings_when_paid(sender, order, **kwargs):
    if order.status in conf.reported_order_statuses():
        report_cache.order_months_changed([order])
        services.post_order_earnings(order=order)


def settle_status_change(sender, order, old_status, new_status, **kwargs):
    counted = conf.reported_order_statuses()
    if (new_status in counted) != (old_status in counted):
        # The order enters or leaves the sales reports of the month it was placed in.
        report_cache.order_months_changed([order])
    if new_status in counted:
        services.post_order_earnings(order=order)
    elif old_status in counted:
        services.post_order_cancellation(order=order)


def connect() -> None:
    order_placed.connect(post_earnings_when_paid, dispatch_uid="sales_post_earnings_on_placed")
    order_status_changed.connect(
        settle_status_change, dispatch_uid="sales_settle_order_status_change"
    )
