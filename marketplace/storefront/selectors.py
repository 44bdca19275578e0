"""Reads for the public centre and artisan pages, with their counts annotated.

Counts are correlated subqueries rather than joins: a centre with many artisans,
products and motifs would otherwise multiply rows before counting.
"""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from catalogue_ext.selectors import browsable_products
from marketplace.centres.models import Artisan, Centre
from marketplace.core.choices import Technique

Certificate = get_model("catalogue", "Certificate")
Motif = get_model("catalogue", "Motif")
Product = get_model("catalogue", "Product")


def _count_of(queryset: QuerySet, outer_field: str) -> Coalesce:
    """COUNT(*) of ``queryset`` rows whose ``outer_field`` is the outer row, as an int."""
    counted = (
        queryset.filter(**{outer_field: OuterRef("pk")})
        .order_by()
        .values(outer_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _public_products() -> QuerySet:
    return Product.objects.browsable()


def centres_with_counts(province: str = "") -> QuerySet:
    centres = Centre.objects.annotate(
        artisan_count=_count_of(Artisan.objects.all(), "centre"),
        product_count=_count_of(_public_products(), "centre"),
        motif_count=_count_of(Motif.objects.all(), "centre"),
    ).order_by("name")
    if province:
        centres = centres.filter(province=province)
    return centres


def centre_provinces() -> list[dict]:
    """Provinces that have centres, with how many: the directory's filter."""
    return list(Centre.objects.values("province").annotate(n=Count("pk")).order_by("province"))


def centre_artisans(centre: Centre) -> QuerySet:
    return (
        Artisan.objects.filter(centre=centre)
        .annotate(product_count=_count_of(_public_products(), "artisan"))
        .order_by("name")
    )


def centre_motifs(centre: Centre) -> QuerySet:
    return Motif.objects.filter(centre=centre).order_by("name")


def centre_technique_counts(centre: Centre) -> list[tuple[str, str, int]]:
    """(technique, label, public product count) for the techniques the centre sells."""
    counts = dict(
        _public_products()
        .filter(centre=centre)
        .exclude(technique="")
        .values_list("technique")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(value, label, counts[value]) for value, label in Technique.choices if value in counts]


def products_of_centre(centre: Centre) -> QuerySet:
    return browsable_products().filter(centre=centre).order_by("-date_created", "-pk")


def artisan_with_counts() -> QuerySet:
    return Artisan.objects.select_related("centre").annotate(
        product_count=_count_of(_public_products(), "artisan")
    )


def artisan_certificates(artisan: Artisan) -> list:
    return list(
        Certificate.objects.filter(artisan=artisan).prefetch_related(
            Prefetch("products", queryset=Product.objects.only("pk", "title", "slug"))
        )
    )


def products_of_artisan(artisan: Artisan) -> QuerySet:
    return browsable_products().filter(artisan=artisan).order_by("-date_created", "-pk")
