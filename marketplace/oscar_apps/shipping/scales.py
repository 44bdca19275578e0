"""Weighs products by the gross weight recorded on them (grams), in kilograms."""

from decimal import Decimal

from oscar.apps.shipping.scales import Scale as OscarScale


class Scale(OscarScale):
    def weigh_product(self, product):
        grams = product.gross_weight_grams
        if grams is None and product.is_child and product.parent_id:
            grams = product.parent.gross_weight_grams
        if grams is not None:
            return Decimal(grams) / 1000
        return Decimal(self.default_weight or 0)
