"""Release the stock of unpaid orders. Safe to run from cron as often as you like.

- bank-transfer orders whose hold (BANK_TRANSFER_HOLD_HOURS) ran out are cancelled
  and their pieces go back on sale;
- card payments left unsettled for CARD_PAYMENT_STALE_MINUTES are settled from
  Stripe's state: an authorised one gets its order, an abandoned 3-D Secure one is
  released (a safety net for webhooks that never came).

Celery beat runs the same work every 10 minutes (task ``expire_unpaid_orders``,
``CELERY_BEAT_SCHEDULE``); without beat, a crontab line does it:
``*/10 * * * * .venv/bin/python manage.py expire_unpaid_orders``
"""

from django.core.management.base import BaseCommand

from marketplace.oscar_apps.checkout.tasks import expire_unpaid_orders


class Command(BaseCommand):
    help = "Cancel bank-transfer orders past their hold and settle stale card payments."

    def handle(self, *args, **options):
        result = expire_unpaid_orders()  # the task's body, run here in this process
        expired, checked = result["expired"], result["card_payments_checked"]
        self.stdout.write(
            f"{len(expired)} unpaid order(s) expired"
            + (f" ({', '.join(expired)})" if expired else "")
            + f"; {checked} stale card payment(s) checked."
        )
