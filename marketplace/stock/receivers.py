"""React to Oscar's low-stock alerts: tell the artisan by e-mail.

Oscar opens a ``StockAlert`` whenever a stock record's available level falls below its
``low_stock_threshold`` (after our ledger changes and after checkout allocations alike)
and closes it when stock recovers. Each newly opened alert is mailed, once, to the
logins of the partner that owns the stock.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from .notifications import send_low_stock_email

StockAlert = get_model("partner", "StockAlert")


@receiver(post_save, sender=StockAlert, dispatch_uid="stock-low-stock-email")
def mail_artisan_about_low_stock(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        alert_id = instance.pk
        transaction.on_commit(lambda: send_low_stock_email(alert_id=alert_id))
