"""Prices in the buyer's market: rupiah with PPN for Indonesia, dollars zero-rated for export.

A stock record's price is the artisan's shelf price in rupiah, as an Indonesian
buyer pays it: PPN included (DOMAIN.md). The buyer chooses a currency (remembered in
the session, see ``marketplace.payments.currency``):

- IDR, domestic: the shelf price, with its PPN part shown as tax;
- USD, export: zero-rated, so the shelf price without its PPN part, converted at
  the exchange rate in force (or the one a payment was priced with), tax 0.

Every amount is rounded once, by ``marketplace.core.money.round_money``. The
strategy also prices shipping (charges are set in rupiah) so that a basket's
products and its shipping are always in the same currency.
"""

from decimal import Decimal

from django.conf import settings
from oscar.apps.partner import strategy as oscar_strategy
from oscar.core import prices
from oscar.core.loading import get_class

from marketplace.core.money import round_money, split_included_tax
from marketplace.payments.currency import DEFAULT_CURRENCY, currency_for_request
from marketplace.payments.models import Currency, ExchangeRate
from marketplace.payments.rates import convert_from_idr, current_rate

UnavailablePrice = get_class("partner.prices", "Unavailable")
FixedPrice = get_class("partner.prices", "FixedPrice")
TaxInclusiveFixedPrice = get_class("partner.prices", "TaxInclusiveFixedPrice")

DOMESTIC_TAX_CODE = "PPN"
EXPORT_TAX_CODE = "EXPORT-0"


class Selector:
    def strategy(self, request=None, user=None, currency=None, rate=None, **kwargs):
        """The strategy for the buyer's chosen currency.

        Offline callers (webhooks, commands) pass ``currency`` and, for USD, the
        ``rate`` a payment was priced with, so its order is priced the same.
        """
        currency = currency or currency_for_request(request)
        if currency == Currency.USD:
            return Export(request, rate=rate or current_rate(Currency.USD))
        return Domestic(request)


class MarketPricing:
    """Pricing policy mixin: shelf prices (IDR, PPN included) turned into this market's."""

    currency = DEFAULT_CURRENCY
    can_price = True

    def price_from_shelf(self, shelf_price: Decimal):
        raise NotImplementedError

    def pricing_policy(self, product, stockrecord):
        if (
            not stockrecord
            or stockrecord.price is None
            or stockrecord.price_currency != DEFAULT_CURRENCY
        ):
            return UnavailablePrice()
        return self.price_from_shelf(stockrecord.price)

    def parent_pricing_policy(self, product, children_stock):
        for _child, stockrecord in children_stock:
            price = self.pricing_policy(product, stockrecord)
            if price.exists:
                return price
        return UnavailablePrice()

    def shipping_charge(self, idr_charge: Decimal) -> prices.Price:
        """A shipping charge set in rupiah, in this market's currency and tax."""
        raise NotImplementedError


class Domestic(
    MarketPricing,
    oscar_strategy.UseFirstStockRecord,
    oscar_strategy.StockRequired,
    oscar_strategy.Structured,
):
    currency = Currency.IDR

    def price_from_shelf(self, shelf_price):
        net, tax = split_included_tax(shelf_price, settings.PPN_RATE, Currency.IDR)
        return TaxInclusiveFixedPrice(
            currency=Currency.IDR, excl_tax=net, tax=tax, tax_code=DOMESTIC_TAX_CODE
        )

    def shipping_charge(self, idr_charge):
        net, tax = split_included_tax(idr_charge, settings.PPN_RATE, Currency.IDR)
        return prices.Price(currency=Currency.IDR, excl_tax=net, tax=tax)


class Export(
    MarketPricing,
    oscar_strategy.UseFirstStockRecord,
    oscar_strategy.StockRequired,
    oscar_strategy.Structured,
):
    """Zero-rated export prices in a foreign currency (no rate set: nothing to buy)."""

    currency = Currency.USD

    def __init__(self, request=None, rate: ExchangeRate | None = None):
        super().__init__(request)
        self.rate = rate

    @property
    def can_price(self) -> bool:
        return self.rate is not None

    def price_from_shelf(self, shelf_price):
        if self.rate is None:
            return UnavailablePrice()
        net_idr, _tax = split_included_tax(shelf_price, settings.PPN_RATE, Currency.IDR)
        return FixedPrice(
            currency=self.currency,
            excl_tax=convert_from_idr(net_idr, self.rate),
            tax=Decimal("0.00"),
            tax_code=EXPORT_TAX_CODE,
        )

    def shipping_charge(self, idr_charge):
        charge = (
            convert_from_idr(idr_charge, self.rate)
            if self.rate
            else round_money(Decimal("0"), self.currency)
        )
        return prices.Price(currency=self.currency, excl_tax=charge, tax=Decimal("0.00"))
