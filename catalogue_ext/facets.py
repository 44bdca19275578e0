"""The faceted catalogue: filters read from the URL, the filtered list and facet counts.

Filters live in the query string so a narrowed catalogue can be shared:
``?technique=tulis&dye=alam&centre=maja-barama-wastra&price_max=500000&sort=price``.
Values inside one facet are alternatives (OR); facets combine (AND). Each facet's
counts answer "how many products would I see if I picked this value", so they
apply every filter except the facet's own. Counting costs a fixed number of
queries, one per facet, however many products or facet values there are, and is
done once per filter set until the catalogue changes (``facet_cache``).
"""

from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Substr
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from marketplace.core.choices import PROVINCES, Dye, Technique

from .facet_cache import cached_facet_counts
from .selectors import browsable_products, search_products
from .structure import category_label

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")


class Sort:
    NEWEST = "newest"
    PRICE_ASC = "price"
    PRICE_DESC = "-price"
    CHOICES = [
        (NEWEST, _("Newest")),
        (PRICE_ASC, _("Price: low to high")),
        (PRICE_DESC, _("Price: high to low")),
    ]


# Query-string names of the list facets, in the order the sidebar shows them.
LIST_PARAMS = ("category", "technique", "dye", "centre", "province", "motif")
MAX_VALUES_PER_FACET = 50
MAX_TEXT_LENGTH = 100


def _price(raw: str | None) -> Decimal | None:
    """A whole, non-negative rupiah amount, or None for anything else."""
    if not raw:
        return None
    try:
        value = Decimal(raw.replace(".", "").replace(",", "").strip())
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0 or value >= Decimal("1e12"):
        return None
    return value.quantize(Decimal("1"))


@dataclass(frozen=True)
class CatalogueFilters:
    """What the shopper asked for, validated. Unknown values are dropped, not errors."""

    category: tuple[str, ...] = ()
    technique: tuple[str, ...] = ()
    dye: tuple[str, ...] = ()
    centre: tuple[str, ...] = ()
    province: tuple[str, ...] = ()
    motif: tuple[str, ...] = ()
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    in_stock: bool = False
    q: str = ""
    sort: str = Sort.NEWEST
    # Set by a category page: the category in its path, not a toggleable filter.
    within_category: object = field(default=None, compare=False)

    @classmethod
    def from_query(cls, data: QueryDict, *, within_category=None) -> "CatalogueFilters":
        def values(name, allowed=None):
            seen = []
            for value in data.getlist(name)[:MAX_VALUES_PER_FACET]:
                value = value.strip()
                if value and value not in seen and (allowed is None or value in allowed):
                    seen.append(value)
            return tuple(seen)

        sort = data.get("sort", Sort.NEWEST)
        return cls(
            category=values("category"),
            technique=values("technique", set(Technique.values)),
            dye=values("dye", set(Dye.values)),
            centre=values("centre"),
            province=values("province", set(PROVINCES)),
            motif=values("motif"),
            price_min=_price(data.get("price_min")),
            price_max=_price(data.get("price_max")),
            in_stock=data.get("in_stock") in ("1", "on", "true"),
            q=data.get("q", "").strip()[:MAX_TEXT_LENGTH],
            sort=sort if sort in dict(Sort.CHOICES) else Sort.NEWEST,
            within_category=within_category,
        )

    @property
    def is_narrowed(self) -> bool:
        return bool(
            any(getattr(self, name) for name in LIST_PARAMS)
            or self.price_min is not None
            or self.price_max is not None
            or self.in_stock
        )

    def toggled(self, name: str, value: str) -> "CatalogueFilters":
        current = getattr(self, name)
        if value in current:
            return replace(self, **{name: tuple(v for v in current if v != value)})
        return replace(self, **{name: (*current, value)})

    def querystring(self) -> str:
        """The filters as a query string (page number dropped: a new filter starts at 1)."""
        data = QueryDict(mutable=True)
        if self.q:
            data["q"] = self.q
        for name in LIST_PARAMS:
            data.setlist(name, list(getattr(self, name)))
        if self.price_min is not None:
            data["price_min"] = str(self.price_min)
        if self.price_max is not None:
            data["price_max"] = str(self.price_max)
        if self.in_stock:
            data["in_stock"] = "1"
        if self.sort != Sort.NEWEST:
            data["sort"] = self.sort
        encoded = data.urlencode()
        return f"?{encoded}" if encoded else "?"


# --- Reads ---------------------------------------------------------------------------


def _price_subquery() -> Coalesce:
    """The lowest price of a product: its own stock records, or else its variants'.

    Two indexed subqueries rather than one with ``product = x OR parent = x``: the OR
    defeats the index and made a 10,000-product page take minutes on PostgreSQL.
    """
    own = StockRecord.objects.filter(product=OuterRef("pk")).order_by("price")
    variants = StockRecord.objects.filter(product__parent=OuterRef("pk")).order_by("price")
    return Coalesce(Subquery(own.values("price")[:1]), Subquery(variants.values("price")[:1]))


def _priced_between(low: Decimal | None, high: Decimal | None) -> Q:
    """Has a price (its own, or one of its variants') between ``low`` and ``high``.

    Uncorrelated EXISTS clauses, which PostgreSQL hashes once per query, instead of a
    price computed for every row.
    """
    prices = Q()
    if low is not None:
        prices &= Q(price__gte=low)
    if high is not None:
        prices &= Q(price__lte=high)
    own = StockRecord.objects.filter(prices, product=OuterRef("pk"))
    variants = StockRecord.objects.filter(prices, product__parent=OuterRef("pk"))
    return Q(Exists(own)) | Q(Exists(variants))


def _in_stock_condition() -> Q:
    available = Q(num_in_stock__gt=Coalesce(F("num_allocated"), Value(0)))
    own = StockRecord.objects.filter(available, product=OuterRef("pk"))
    variants = StockRecord.objects.filter(available, product__parent=OuterRef("pk"))
    return Q(product_class__track_stock=False) | Q(Exists(own)) | Q(Exists(variants))


def _in_categories(roots) -> Q:
    """In any of ``roots`` or their descendants (one EXISTS, no duplicate rows)."""
    paths = Q()
    for root in roots:
        paths |= Q(category__path__startswith=root.path)
    return Q(Exists(ProductCategory.objects.filter(paths, product=OuterRef("pk"))))


def category_roots() -> list:
    """The public top-level categories: the category facet's values."""
    return list(Category.objects.filter(depth=1, is_public=True).order_by("path"))


def apply_filters(
    queryset: QuerySet, filters: CatalogueFilters, roots: list, *, skip: str = ""
) -> QuerySet:
    """``queryset`` narrowed by every filter except ``skip`` (a facet's own)."""
    queryset = search_products(queryset, filters.q)
    if filters.within_category is not None:
        queryset = queryset.filter(_in_categories([filters.within_category]))
    if filters.category and skip != "category":
        chosen = [root for root in roots if root.slug in filters.category]
        queryset = queryset.filter(_in_categories(chosen)) if chosen else queryset.none()
    for name, lookup in (
        ("technique", "technique__in"),
        ("dye", "dye__in"),
        ("centre", "centre__slug__in"),
        ("province", "centre__province__in"),
        ("motif", "motif__slug__in"),
    ):
        if getattr(filters, name) and skip != name:
            queryset = queryset.filter(**{lookup: getattr(filters, name)})
    if skip != "price" and (filters.price_min is not None or filters.price_max is not None):
        queryset = queryset.filter(_priced_between(filters.price_min, filters.price_max))
    if filters.in_stock and skip != "in_stock":
        queryset = queryset.filter(_in_stock_condition())
    return queryset


def filtered_products(filters: CatalogueFilters, roots: list) -> QuerySet:
    """The page's products: filtered, sorted, with everything a product card shows."""
    queryset = apply_filters(browsable_products(), filters, roots)
    if filters.sort == Sort.NEWEST:
        return queryset.order_by("-date_created", "-pk")
    queryset = queryset.annotate(sort_price=_price_subquery())
    if filters.sort == Sort.PRICE_ASC:
        return queryset.order_by(F("sort_price").asc(nulls_last=True), "-pk")
    return queryset.order_by(F("sort_price").desc(nulls_last=True), "-pk")


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    querystring: str
    hint: str = ""


@dataclass
class Facet:
    name: str
    title: str
    options: list[FacetOption]

    @property
    def has_selection(self) -> bool:
        return any(option.selected for option in self.options)


def _counts(queryset: QuerySet, *fields: str) -> list[dict]:
    return list(queryset.values(*fields).annotate(n=Count("pk")).order_by())


def _option(filters, name, value, label, count, hint="") -> FacetOption:
    return FacetOption(
        value=value,
        label=str(label),
        count=count,
        selected=value in getattr(filters, name),
        querystring=filters.toggled(name, value).querystring(),
        hint=hint,
    )


def facet_counts(filters: CatalogueFilters, roots: list) -> dict:
    """The raw counts behind the sidebar: eight queries, whatever the catalogue's size.

    Each facet's counts apply every filter but the facet's own. Plain values only
    (dicts, lists, numbers), so they can be cached (``facet_cache``).
    """
    base = Product.objects.browsable()

    def narrowed(skip):
        return apply_filters(base, filters, roots, skip=skip)

    def by_value(name):
        return {row[name]: row["n"] for row in _counts(narrowed(name), name)}

    # One join grouped by top-level path: a product in two categories of one kind
    # counts once (DISTINCT), a product in two kinds counts for both.
    by_root_path = dict(
        ProductCategory.objects.filter(product__in=narrowed("category").values("pk"))
        .annotate(root_path=Substr("category__path", 1, Category.steplen))
        .values_list("root_path")
        .annotate(n=Count("product", distinct=True))
        .order_by()
    )
    # Over stock records rather than a price per product: one pass, no subquery per row.
    priced = narrowed("price").values("pk")
    price_range = (
        StockRecord.objects.annotate(listed_product=Coalesce("product__parent_id", "product_id"))
        .filter(listed_product__in=priced)
        .aggregate(low=Min("price"), high=Max("price"))
    )
    return {
        "category": by_root_path,
        "technique": by_value("technique"),
        "dye": by_value("dye"),
        "centre": _counts(narrowed("centre"), "centre__slug", "centre__name", "centre__city"),
        "province": _counts(narrowed("province"), "centre__province"),
        "motif": _counts(narrowed("motif"), "motif__slug", "motif__name"),
        "in_stock": narrowed("in_stock").filter(_in_stock_condition()).count(),
        "price_low": price_range["low"],
        "price_high": price_range["high"],
    }


def catalogue_facets(filters: CatalogueFilters, roots: list) -> dict:
    """Facets with counts for the sidebar, counted once per catalogue change.

    Closed lists (technique, dye) show every value, zero counts included, so a shopper
    sees what exists; open lists (centres, provinces, motifs) show values that have
    products, plus any value already chosen.
    """
    counts = cached_facet_counts(filters, roots, lambda: facet_counts(filters, roots))
    category = Facet(
        "category",
        _("Category"),
        [
            _option(
                filters,
                "category",
                root.slug,
                category_label(root),
                counts["category"].get(root.path, 0),
            )
            for root in roots
        ],
    )

    def closed(name, title, choices):
        return Facet(
            name,
            title,
            [
                _option(filters, name, value, label, counts[name].get(value, 0))
                for value, label in choices
            ],
        )

    def open_(name, title, key, label_of, hint_of=lambda row: ""):
        by_value = {row[key]: row for row in counts[name] if row[key]}
        options = [
            _option(filters, name, value, label_of(row), row["n"], hint_of(row))
            for value, row in by_value.items()
        ]
        # A chosen value that matches nothing still shows, so it can be removed.
        options += [
            _option(filters, name, value, value, 0)
            for value in getattr(filters, name)
            if value not in by_value
        ]
        options.sort(key=lambda option: (not option.selected, option.label.lower()))
        return Facet(name, title, options)

    return {
        "list": [
            category,
            closed("technique", _("Technique"), Technique.choices),
            closed("dye", _("Dye"), Dye.choices),
            open_(
                "centre",
                _("Batik centre"),
                "centre__slug",
                lambda row: row["centre__name"],
                lambda row: row["centre__city"],
            ),
            open_(
                "province",
                _("Province"),
                "centre__province",
                lambda row: row["centre__province"],
            ),
            open_("motif", _("Motif"), "motif__slug", lambda row: row["motif__name"]),
        ],
        "in_stock": FacetOption(
            value="1",
            label=str(_("In stock only")),
            count=counts["in_stock"],
            selected=filters.in_stock,
            querystring=replace(filters, in_stock=not filters.in_stock).querystring(),
        ),
        "price_low": counts["price_low"],
        "price_high": counts["price_high"],
    }
