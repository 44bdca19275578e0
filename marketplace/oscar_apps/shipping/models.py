"""Weight-based shipping from the centre, within Indonesia or abroad.

Oscar's weight-based method, with a zone: domestic methods ship to Indonesian
addresses, international ones everywhere else. Band charges are set in rupiah (what
couriers charge the centre); the basket's strategy turns them into the buyer's
currency and tax, so a dollar basket pays its shipping in dollars, zero-rated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.abstract_models import AbstractWeightBased
from oscar.core import prices
from oscar.core.loading import get_class

Scale = get_class("shipping.scales", "Scale")


class WeightBased(AbstractWeightBased):
    class Zone(models.TextChoices):
        DOMESTIC = "domestic", _("Within Indonesia")
        INTERNATIONAL = "international", _("Abroad (export)")

    zone = models.CharField(
        _("zone"), max_length=16, choices=Zone.choices, default=Zone.DOMESTIC, db_index=True
    )

    def calculate(self, basket):
        weight = Scale(default_weight=self.default_weight).weigh_basket(basket)
        idr_charge = self.get_charge(weight)
        strategy = basket.strategy if basket.has_strategy else None
        if strategy is not None and hasattr(strategy, "shipping_charge"):
            return strategy.shipping_charge(idr_charge)
        return prices.Price(currency="IDR", excl_tax=idr_charge, incl_tax=idr_charge)


from oscar.apps.shipping.models import *  # noqa: E402,F403 - Oscar's remaining models
