"""Which shipping methods a basket can use, by the buyer's market and address.

Rupiah baskets ship within Indonesia (PPN included); dollar baskets are export sales
(zero-rated) and ship abroad. Without an address yet, the market decides.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping import repository
from oscar.apps.shipping.methods import Free
from oscar.core import prices
from oscar.core.loading import get_model

WeightBased = get_model("shipping", "WeightBased")

DOMESTIC_COUNTRY = "ID"


def basket_market(basket) -> str:
    strategy = basket.strategy if basket.has_strategy else None
    return getattr(strategy, "currency", None) or basket.currency or "IDR"


def address_is_domestic(address) -> bool:
    return address.country_id == DOMESTIC_COUNTRY


def zone_for(basket, shipping_addr=None) -> str | None:
    """The shipping zone for this basket and address (None: they do not match)."""
    domestic_market = basket_market(basket) == "IDR"
    if shipping_addr is not None and address_is_domestic(shipping_addr) != domestic_market:
        return None
    return WeightBased.Zone.DOMESTIC if domestic_market else WeightBased.Zone.INTERNATIONAL


class CalculatedAtCheckout(Free):
    """Shown on the basket page when no method matches yet (no address chosen)."""

    code = "calculated-at-checkout"
    name = _("Shipping is calculated at checkout")

    def calculate(self, basket):
        currency = basket_market(basket)
        return prices.Price(currency=currency, excl_tax=Decimal("0"), tax=Decimal("0"))


class Repository(repository.Repository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        zone = zone_for(basket, shipping_addr)
        if zone is None:
            return []
        methods = WeightBased.objects.filter(zone=zone).prefetch_related("countries")
        country = shipping_addr.country_id if shipping_addr is not None else None
        return [
            method
            for method in methods
            if country is None
            or not method.countries.all()
            or any(c.pk == country for c in method.countries.all())
        ]

    def get_default_shipping_method(self, basket, shipping_addr=None, **kwargs):
        methods = self.get_shipping_methods(basket, shipping_addr=shipping_addr, **kwargs)
        if not methods and shipping_addr is not None:
            methods = self.get_shipping_methods(basket, **kwargs)
        return methods[0] if methods else CalculatedAtCheckout()
