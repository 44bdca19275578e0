"""The sales rules that are configuration, read from Django settings in one place.

- ``SALES_REPORTED_ORDER_STATUSES``: the Oscar order statuses whose lines count as
  sales — in reports and for artisans' earnings. Orders awaiting payment (an unpaid
  bank transfer), authorised but not captured, or cancelled are not sales.
- ``SALES_DEFAULT_COMMISSION_RATE``: the marketplace commission for a centre that
  has no :class:`~marketplace.sales.models.CommissionRate` of its own.
- ``SALES_HOME_COUNTRY``: the buyer country that counts as domestic (ISO 3166-1).
- ``SALES_REPORT_CURRENCIES``: the currencies a report can be shown in; amounts in
  different currencies are never added together.
"""

from decimal import Decimal

from django.conf import settings

# The checkout's pipeline (marketplace/oscar_apps/order/statuses.py on the checkout
# branch): "Paid", "Shipped" and "Complete" are orders whose money was received.
DEFAULT_REPORTED_ORDER_STATUSES = ("Paid", "Shipped", "Complete")
DEFAULT_COMMISSION_RATE = Decimal("0.10")

# PPh 22 on marketplace sellers (PMK 37/2025, DOMAIN.md): law, not configuration.
PPH22_RATE = Decimal("0.005")
PPH22_TURNOVER_THRESHOLD = Decimal("500000000")  # Rp500 juta a calendar year


def reported_order_statuses() -> tuple[str, ...]:
    return tuple(
        getattr(settings, "SALES_REPORTED_ORDER_STATUSES", DEFAULT_REPORTED_ORDER_STATUSES)
    )


def default_commission_rate() -> Decimal:
    return Decimal(str(getattr(settings, "SALES_DEFAULT_COMMISSION_RATE", DEFAULT_COMMISSION_RATE)))


def home_country() -> str:
    return getattr(settings, "SALES_HOME_COUNTRY", "ID")


def report_currencies() -> tuple[str, ...]:
    default = tuple(getattr(settings, "OSCAR_CURRENCY_FORMAT", {}) or ("IDR",))
    return tuple(getattr(settings, "SALES_REPORT_CURRENCIES", default))
