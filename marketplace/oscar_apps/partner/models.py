"""Oscar's partner models; StockRecord gains database rules for stock levels.

Stock may never drop below what is allocated to orders, and allocations never go
negative. The stock ledger (``marketplace.stock``) checks this under a row lock before
every change; the constraints make the database refuse any write that slips past it
(a raw update, a future code path, Oscar's unchecked ``allocate()``). When Oscar ships
an order line (``Line.consume_allocation``), the stock leaves through the ledger too.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext as _
from oscar.apps.partner.abstract_models import AbstractStockRecord
from oscar.apps.partner.exceptions import InvalidStockAdjustment

from catalogue_ext.facet_cache import CatalogueWriteQuerySet


class StockRecord(AbstractStockRecord):
    # Oscar allocates stock and the ledger writes levels with ``update()``: the
    # queryset refreshes the cached facet counts (in stock, price range) when it does.
    objects = CatalogueWriteQuerySet.as_manager()

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

    def consume_allocation(self, quantity):
        """Shipped pieces leave stock through the ledger (reason "sold"), not behind it."""
        if not self.can_track_allocations:
            return
        if not self.is_allocation_consumption_possible(quantity):
            raise InvalidStockAdjustment(_("Invalid stock consumption request"))
        # Imported here: the ledger service reads this model, so it cannot be imported
        # while this module defines it.
        from marketplace.stock.services import consume_allocation

        consume_allocation(stockrecord_id=self.pk, quantity=quantity)
        self.refresh_from_db(fields=["num_in_stock", "num_allocated"])

    consume_allocation.alters_data = True


from oscar.apps.partner.models import *  # noqa: E402,F403 - Oscar's remaining models
