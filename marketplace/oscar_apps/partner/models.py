"""Oscar's partner models; StockRecord gains database rules for stock levels.

Stock may never drop below what is allocated to orders, and allocations never go
negative. The stock ledger (``marketplace.stock``) checks this under a row lock before
every change; the constraints make the database refuse any write that slips past it
(a raw update, a future code path, Oscar's unchecked ``allocate()``).
"""

from django.db import models
from django.db.models import F, Q
from oscar.apps.partner.abstract_models import AbstractStockRecord


class StockRecord(AbstractStockRecord):
    class Meta(AbstractStockRecord.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(num_in_stock__isnull=True)
                | Q(num_allocated__isnull=True)
                | Q(num_in_stock__gte=F("num_allocated")),
                name="stockrecord_stock_not_below_allocated",
            ),
            models.CheckConstraint(
                condition=Q(num_allocated__isnull=True) | Q(num_allocated__gte=0),
                name="stockrecord_allocated_not_negative",
            ),
        ]


from oscar.apps.partner.models import *  # noqa: E402,F403 - Oscar's remaining models
