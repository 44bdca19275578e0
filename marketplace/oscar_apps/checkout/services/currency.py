"""Switching the currency a buyer shops in, basket included."""

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from marketplace.payments.currency import remember_currency

Selector = get_class("partner.strategy", "Selector")
Basket = get_model("basket", "Basket")


class CurrencyUnavailable(Exception):
    pass


def switch_currency(*, request, currency: str) -> None:
    """Remember ``currency`` for this buyer and re-price their open basket in it.

    A basket keeps the currency of its lines, so the lines are re-priced at once.
    Raises :class:`CurrencyUnavailable` (nothing changes) when a product has no
    price in that currency, e.g. before any exchange rate is set.
    """
    strategy = Selector().strategy(request=request, currency=currency)
    if not strategy.can_price:
        raise CurrencyUnavailable(
            _("Prices in %(currency)s are not available yet.") % {"currency": currency}
        )
    lines = []
    basket = getattr(request, "basket", None)
    if basket is not None and basket.pk:
        fresh = Basket._default_manager.get(pk=basket.pk)
        fresh.strategy = strategy
        lines = list(fresh.all_lines())
    for line in lines:
        price = strategy.fetch_for_line(line, line.stockrecord).price
        if not price.exists:
            raise CurrencyUnavailable(
                _("“%(title)s” has no price in %(currency)s.")
                % {"title": line.product.get_title(), "currency": currency}
            )
        line.price_currency = price.currency
        line.price_excl_tax = price.excl_tax
        line.price_incl_tax = price.incl_tax if price.is_tax_known else None
        line.tax_code = price.tax_code
    with transaction.atomic():
        for line in lines:
            line.save(
                update_fields=["price_currency", "price_excl_tax", "price_incl_tax", "tax_code"]
            )
    remember_currency(request, currency)
