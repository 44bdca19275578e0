"""The buyer's address book and wish lists: Oscar's views, reading their rows in bulk.

Oscar reads each address's country, each wish list's number of lines and each wish
list line's product and photo one row at a time (one query per row, two per line
shown as a product card with its price and maker). These subclasses read them with
the list. They are mounted on Oscar's own paths (``marketplace/urls.py``), so
``customer:address-list``, ``customer:wishlists-list``, ``customer:wishlists-detail``
and ``wishlists:detail`` keep their names and addresses.
"""

from django.db.models import Prefetch, prefetch_related_objects
from oscar.core.loading import get_class, get_model

from catalogue_ext.selectors import with_card_data

Product = get_model("catalogue", "Product")
WishListLine = get_model("wishlists", "Line")
OscarAddressListView = get_class("customer.views", "AddressListView")
OscarWishListListView = get_class("customer.wishlists.views", "WishListListView")
OscarWishListDetailView = get_class("customer.wishlists.views", "WishListDetailView")
OscarSharedWishListView = get_class("wishlists.views", "WishListView")


class AddressListView(OscarAddressListView):
    def get_queryset(self):
        return super().get_queryset().select_related("country")


class WishListListView(OscarWishListListView):
    def get_queryset(self):
        # The page shows ``wishlist.lines.count``: answered from the prefetched lines.
        lines = WishListLine.objects.only("id", "wishlist_id")
        return super().get_queryset().prefetch_related(Prefetch("lines", queryset=lines))


class WishListDetailView(OscarWishListDetailView):
    """The owner's wish list, a form of its lines, each with its product's photo."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["queryset"] = WishListLine.objects.select_related("product").prefetch_related(
            "product__images"
        )
        return kwargs


class SharedWishListView(OscarSharedWishListView):
    """A wish list shared by its key, its products shown as product cards."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        page.object_list = list(page.object_list)
        products = with_card_data(Product.objects.all())
        prefetch_related_objects(page.object_list, Prefetch("product", queryset=products))
        return context
