"""Data step for a shop that takes orders: shipping countries and methods, a USD rate.

Idempotent. ``make demo`` runs it after ``load_demo``. The USD rate it records when
none exists is a demo value, marked so in its note; set the real one in the admin
(Payments → Exchange rates).
"""

from decimal import Decimal

from django.core.management.base import BaseCommand

from marketplace.oscar_apps.shipping.setup import ensure_shipping_methods
from marketplace.payments.models import Currency
from marketplace.payments.rates import current_rate, set_rate

DEMO_USD_RATE = Decimal("16250")


class Command(BaseCommand):
    help = "Create shipping countries and methods, and a demo USD rate if none is set."

    def handle(self, *args, **options):
        methods = ensure_shipping_methods()
        self.stdout.write(f"Shipping methods: {', '.join(m.name for m in methods)}")
        if current_rate(Currency.USD) is None:
            set_rate(
                currency=Currency.USD,
                idr_per_unit=DEMO_USD_RATE,
                note="Demo rate set by setup_checkout; replace it in the admin.",
            )
        self.stdout.write(f"Exchange rate: {current_rate(Currency.USD)}")
