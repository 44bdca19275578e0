"""Release the stock of unpaid orders. Safe to run from cron as often as you like.

- bank-transfer orders whose hold (BANK_TRANSFER_HOLD_HOURS) ran out are cancelled
  and their pieces go back on sale;
- card payments left unsettled for CARD_PAYMENT_STALE_MINUTES are settled from
  Stripe's state: an authorised one gets its order, an abandoned 3-D Secure one is
  released (a safety net for webhooks that never came).

Example crontab line: ``*/10 * * * * .venv/bin/python manage.py expire_unpaid_orders``
"""

from django.core.management.base import BaseCommand

from marketplace.oscar_apps.checkout.services.bank_transfer import expire_bank_transfers
from marketplace.oscar_apps.checkout.services.card_recovery import settle_stale_card_payments


class Command(BaseCommand):
    help = "Cancel bank-transfer orders past their hold and settle stale card payments."

    def handle(self, *args, **options):
        expired = expire_bank_transfers()
        checked = settle_stale_card_payments()
        self.stdout.write(
            f"{len(expired)} unpaid order(s) expired"
            + (f" ({', '.join(expired)})" if expired else "")
            + f"; {checked} stale card payment(s) checked."
        )
