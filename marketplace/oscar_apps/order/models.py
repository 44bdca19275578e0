"""Order lines remember who made the piece and where, as it was when sold.

Sales reports and settlements read these snapshots, so they do not move when a
product is edited or an artisan changes centre later.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractLine


class Line(AbstractLine):
    artisan = models.ForeignKey(
        "centres.Artisan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="order_lines",
        verbose_name=_("artisan"),
    )
    centre = models.ForeignKey(
        "centres.Centre",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="order_lines",
        verbose_name=_("centre"),
    )
    artisan_name = models.CharField(_("artisan name"), max_length=200, blank=True)
    centre_name = models.CharField(_("centre name"), max_length=200, blank=True)
    # The product's kind (its Oscar product class, one of the fixed categories), kept
    # so sales by category do not move when a product is re-classed later.
    category_slug = models.CharField(_("category"), max_length=128, blank=True)
    category_name = models.CharField(_("category name"), max_length=128, blank=True)
    technique = models.CharField(_("technique"), max_length=16, blank=True)

    class Meta(AbstractLine.Meta):
        indexes = [
            # Sales reports of a centre manager read their centres' lines of the orders
            # in a period from this index alone (PostgreSQL; SQLite ignores INCLUDE).
            models.Index(
                fields=["centre", "order"],
                include=[
                    "quantity",
                    "line_price_incl_tax",
                    "artisan",
                    "artisan_name",
                    "centre_name",
                    "category_slug",
                    "category_name",
                    "technique",
                    "product",
                    "title",
                ],
                name="order_line_sales_by_centre",
            )
        ]


from oscar.apps.order.models import *  # noqa: E402,F403 - Oscar's remaining models
