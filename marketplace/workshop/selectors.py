"""Reads for the workshop pages, each scoped to the artisan's own rows.

Orders are read with only the columns an artisan may see (``only``): totals, payment
and the customer's contact details are never loaded, so no template can show them.
"""

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from oscar.core.loading import get_model

from marketplace.listings.models import ListingState

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Order = get_model("order", "Order")
Line = get_model("order", "Line")

ORDER_FIELDS = (
    "id",
    "number",
    "currency",
    "status",
    "date_placed",
    "shipping_method",
    "shipping_address",
)
LINE_FIELDS = (
    "id",
    "order_id",
    "partner_id",
    "stockrecord_id",
    "product_id",
    "title",
    "partner_sku",
    "quantity",
    "unit_price_incl_tax",
    "line_price_incl_tax",
    "status",
    "num_allocated",
    "allocation_cancelled",
)


# Products without a listing row predate listing approval: public ones count as approved.
PRODUCT_STATE_FILTERS = {
    "live": Q(is_public=True),
    ListingState.PENDING: Q(listing__state=ListingState.PENDING),
    ListingState.REJECTED: Q(listing__state=ListingState.REJECTED),
    ListingState.DRAFT: Q(listing__state=ListingState.DRAFT)
    | Q(listing__isnull=True, is_public=False),
}


def own_products(artisan_ids, partner_ids, *, search: str = "", state: str = "") -> QuerySet:
    """The artisan's products (not variants) with their listing and own stock records."""
    queryset = (
        Product.objects.filter(artisan_id__in=artisan_ids, parent__isnull=True)
        .select_related("listing", "product_class", "motif")
        .prefetch_related(
            Prefetch(
                "stockrecords",
                queryset=StockRecord.objects.filter(partner_id__in=partner_ids).order_by("pk"),
                to_attr="own_stockrecords",
            )
        )
        .order_by("-date_updated", "-pk")
    )
    search = (search or "").strip()
    if search:
        queryset = queryset.filter(title__icontains=search)
    if state in PRODUCT_STATE_FILTERS:
        queryset = queryset.filter(PRODUCT_STATE_FILTERS[state])
    return queryset


def own_product(artisan_ids, partner_ids, pk: int):
    """One of the artisan's products, with images and own stock records; 404 otherwise."""
    product = (
        own_products(artisan_ids, partner_ids)
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order"))
        )
        .filter(pk=pk)
        .first()
    )
    if product is None:
        raise Http404
    return product


def own_orders(partner_ids) -> QuerySet:
    """Orders with at least one of the artisan's lines, newest first.

    Each order carries ``own_lines`` (only the artisan's lines) and ``own_quantity``.
    """
    own_lines = Line.objects.filter(partner_id__in=partner_ids).only(*LINE_FIELDS).order_by("pk")
    return (
        Order.objects.filter(lines__partner_id__in=partner_ids)
        .only(*ORDER_FIELDS)
        .annotate(
            own_quantity=Sum("lines__quantity", filter=Q(lines__partner_id__in=partner_ids)),
            own_line_count=Count("lines", filter=Q(lines__partner_id__in=partner_ids)),
        )
        .prefetch_related(Prefetch("lines", queryset=own_lines, to_attr="own_lines"))
        .order_by("-date_placed", "-pk")
    )


def own_order(partner_ids, number: str):
    """One order with the artisan's lines and its shipping address; 404 otherwise."""
    order = (
        own_orders(partner_ids)
        .select_related("shipping_address__country")
        .filter(number=number)
        .first()
    )
    if order is None:
        raise Http404
    return order
