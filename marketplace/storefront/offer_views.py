"""Oscar's range and offer pages, reading each listed product with its card's data.

Oscar lists a range's or an offer's products without their stock records, images,
class, artisan, centre or motif, so each product card read them one at a time (about
nine queries per product). These subclasses read them with the list. They are
mounted on Oscar's own paths (``marketplace/urls.py``), so ``offer:list``,
``offer:detail`` and ``catalogue:range`` keep their names and addresses.
"""

from oscar.core.loading import get_class, get_model

from catalogue_ext.selectors import with_card_data

Product = get_model("catalogue", "Product")
OscarOfferListView = get_class("offer.views", "OfferListView")
OscarRangeDetailView = get_class("offer.views", "RangeDetailView")
OscarOfferDetailView = get_class("offer.views", "OfferDetailView")

# Oscar's list shows the first twelve products of each offer.
OFFER_PREVIEW_LENGTH = 12


class RangeDetailView(OscarRangeDetailView):
    def get_queryset(self):
        return with_card_data(super().get_queryset())


class OfferDetailView(OscarOfferDetailView):
    def get_queryset(self):
        return with_card_data(super().get_queryset())


class OfferListView(OscarOfferListView):
    """The site offers, each with its first products as product cards.

    Each offer still asks its range which products it holds (Oscar's range query
    checks for variants and uses the range's prefetched classes and categories):
    three queries per offer. The products themselves are read once for all offers.
    """

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("condition__range")
            .prefetch_related(
                "condition__range__classes",
                "condition__range__included_categories",
                "condition__range__excluded_categories",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offers = list(context["offers"])
        shown = {
            offer.pk: list(offer.products().values_list("pk", flat=True)[:OFFER_PREVIEW_LENGTH])
            for offer in offers
            if offer.has_products
        }
        ids = {pk for pks in shown.values() for pk in pks}
        products = with_card_data(Product.objects.filter(pk__in=ids)).in_bulk() if ids else {}
        for offer in offers:
            offer.preview_products = [products[pk] for pk in shown.get(offer.pk, [])]
        context["offers"] = offers
        return context
