"""Order placement: Oscar's OrderCreator, extended to snapshot provenance per line."""

from oscar.apps.order.utils import OrderCreator as OscarOrderCreator
from oscar.apps.order.utils import OrderNumberGenerator  # noqa: F401 - re-exported


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


class OrderCreator(OscarOrderCreator):
    def create_line_models(self, order, basket_line, extra_line_fields=None):
        fields = provenance_snapshot(basket_line.product)
        fields.update(extra_line_fields or {})
        return super().create_line_models(order, basket_line, extra_line_fields=fields)
