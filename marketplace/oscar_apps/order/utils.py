"""Order placement: Oscar's OrderCreator, made safe for scarce stock.

Oscar allocates stock without re-checking availability under a lock, so concurrent
checkouts oversell (Oscar #2102, #4524). Ours locks the basket's stock records in
primary-key order inside the order transaction, re-checks every line, and only then
writes the order and allocates — or raises ``SoldOut`` before writing anything. Each
line also keeps a snapshot of its provenance.
"""

from collections import defaultdict

from django.db import transaction
from oscar.apps.order.utils import OrderCreator as OscarOrderCreator
from oscar.apps.order.utils import OrderNumberGenerator  # noqa: F401 - re-exported
from oscar.core.loading import get_model

from .exceptions import SoldOut

StockRecord = get_model("partner", "StockRecord")


def provenance_snapshot(product) -> dict:
    """The provenance fields an order line keeps of ``product`` (a child: its parent)."""
    source = product.parent if product.is_child and product.parent_id else product
    artisan = source.artisan
    centre = source.centre
    product_class = source.product_class
    return {
        "artisan": artisan,
        "centre": centre,
        "artisan_name": artisan.name if artisan else "",
        "centre_name": centre.name if centre else "",
        "category_slug": product_class.slug if product_class else "",
        "category_name": product_class.name if product_class else "",
        "technique": source.technique,
    }


def lock_basket_stock(basket) -> dict[int, "StockRecord"]:
    """Lock the stock records of ``basket`` and check each line can still be had.

    Must run inside a transaction: the row locks (taken in primary-key order, so two
    checkouts cannot deadlock) are held until it commits, and the allocation that
    follows in the same transaction is what the next buyer's check will see.
    Raises :class:`SoldOut` naming every line that cannot be had.
    """
    lines = [
        line
        for line in basket.all_lines()
        if line.stockrecord_id and line.product.get_product_class().track_stock
    ]
    wanted: dict[int, int] = defaultdict(int)
    for line in lines:
        wanted[line.stockrecord_id] += line.quantity
    records = {
        record.pk: record
        for record in StockRecord.objects.select_for_update().filter(pk__in=wanted).order_by("pk")
    }
    sold_out: list[str] = []
    for line in lines:
        record = records.get(line.stockrecord_id)
        if record is None or record.net_stock_level < wanted[line.stockrecord_id]:
            title = line.product.get_title()
            if title not in sold_out:
                sold_out.append(title)
    if sold_out:
        raise SoldOut(sold_out)
    return records


class OrderCreator(OscarOrderCreator):
    def place_order(self, basket, *args, **kwargs):
        with transaction.atomic():
            lock_basket_stock(basket)
            return super().place_order(basket, *args, **kwargs)

    def create_line_models(self, order, basket_line, extra_line_fields=None):
        fields = provenance_snapshot(basket_line.product)
        fields.update(extra_line_fields or {})
        return super().create_line_models(order, basket_line, extra_line_fields=fields)
