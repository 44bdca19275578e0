"""Oscar's range and offer pages, reading each listed product with its card's data.

Oscar lists a range's or an offer's products without their stock records, images,
class, artisan, centre or motif, so each product card read them one at a time (about
nine queries per product). These subclasses read them with the list. They are
mounted on Oscar's own paths (``marketplace/urls.py``), so ``catalogue:range`` and
``offer:detail`` keep their names and addresses.
"""

from oscar.core.loading import get_class

from catalogue_ext.selectors import with_card_data

OscarRangeDetailView = get_class("offer.views", "RangeDetailView")
OscarOfferDetailView = get_class("offer.views", "OfferDetailView")


class RangeDetailView(OscarRangeDetailView):
    def get_queryset(self):
        return with_card_data(super().get_queryset())


class OfferDetailView(OscarOfferDetailView):
    def get_queryset(self):
        return with_card_data(super().get_queryset())
