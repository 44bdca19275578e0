"""Oscar's range and offer pages, reading each listed product with its card's data.

Oscar lists a range's or an offer's products without their stock records, images,
class, artisan, centre or motif, so each product card read them one at a time (about
nine queries per product). These subclasses read them with the list; the list of
offers also reads every offer's first products in one query. They are mounted on
Oscar's own paths (``marketplace/urls.py``), so ``offer:list``, ``offer:detail`` and
``catalogue:range`` keep their names and addresses.
"""

from django.db import connection
from django.db.models import Q
from oscar.apps.catalogue.expressions import ExpandDownwardsCategoryQueryset
from oscar.checks import use_productcategory_materialised_view
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


def range_members(offer_range):
    """The products in ``offer_range`` by Oscar's rules, as one query; None if unsure.

    The rules are ``Range.product_queryset``'s: a range of all products leaves out
    its excluded products and those in (or whose parent is in) its excluded categories
    and below; any other range holds its included products, their variants, products
    of its classes and of its categories and below (a variant also by its parent's),
    minus excluded products and variants of excluded parents. Oscar first checks with
    two or three queries which of these clauses can match anything and leaves the
    others out; here every clause stays, which selects the same products with no
    query. A proxy range (its own Python class) or the materialised category view is
    left to Oscar: None.
    """
    if offer_range.proxy_class or use_productcategory_materialised_view():
        return None
    if offer_range.includes_all_products:
        excluded = ExpandDownwardsCategoryQueryset(offer_range.excluded_categories.values("id"))
        return Product.objects.exclude(
            Q(pk__in=offer_range.excluded_products.values("pk"))
            | Q(categories__in=excluded)
            | Q(parent__categories__in=excluded)
        )
    included = ExpandDownwardsCategoryQueryset(offer_range.included_categories.values("id"))
    members = (
        Q(includes=offer_range)
        | Q(parent__includes=offer_range)
        | Q(product_class__classes=offer_range)
        | Q(parent__product_class__classes=offer_range)
        | Q(categories__in=included)
        | Q(parent__categories__in=included)
    )
    return (
        Product.objects.filter(members)
        .exclude(excludes=offer_range)
        .exclude(parent__excludes=offer_range)
        .distinct()
    )


def first_products_of(offers, length: int) -> dict[int, list[int]]:
    """``{offer id: ids of its first ``length`` products}``, newest first, as Oscar's
    ``offer.products()`` orders them: one query for every offer together (each
    offer's products numbered by a window function, then cut at ``length``)."""
    parts, params, shown = [], [], {}
    for offer in offers:
        if not offer.has_products:
            continue
        members = range_members(offer.condition.range)
        if members is None:
            products = offer.products().order_by("-date_created", "-pk")
            shown[offer.pk] = list(products.values_list("pk", flat=True)[:length])
            continue
        products = members.filter(is_discountable=True).browsable().order_by()
        sql, part_params = products.values("id", "date_created").query.sql_with_params()
        parts.append(
            f"SELECT {int(offer.pk)} AS offer_id, m.id AS product_id, ROW_NUMBER() OVER "
            f"(ORDER BY m.date_created DESC, m.id DESC) AS position FROM ({sql}) m"
        )
        params.extend(part_params)
    if parts:
        query = (
            f"SELECT offer_id, product_id FROM ({' UNION ALL '.join(parts)}) previews "
            "WHERE position <= %s ORDER BY offer_id, position"
        )
        with connection.cursor() as cursor:
            cursor.execute(query, [*params, length])
            for offer_id, product_id in cursor.fetchall():
                shown.setdefault(offer_id, []).append(product_id)
    return shown


class OfferListView(OscarOfferListView):
    """The site offers, each with its first products as product cards.

    Oscar asks each offer's range for its products (three queries per offer); here
    the first products of every offer come in one query (``first_products_of``) and
    are read with what each card shows in one more, whatever the number of offers.
    """

    def get_queryset(self):
        return super().get_queryset().select_related("condition__range")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offers = list(context["offers"])
        shown = first_products_of(offers, OFFER_PREVIEW_LENGTH)
        ids = {pk for pks in shown.values() for pk in pks}
        products = with_card_data(Product.objects.filter(pk__in=ids)).in_bulk() if ids else {}
        for offer in offers:
            offer.preview_products = [products[pk] for pk in shown.get(offer.pk, [])]
        context["offers"] = offers
        return context
