"""Reads for the public centre and artisan pages, with their counts annotated."""

from django.db.models import Count, Q, QuerySet

from catalogue_ext.selectors import browsable_products
from marketplace.centres.models import Artisan, Centre

PUBLIC_PRODUCTS = Q(products__is_public=True, products__parent__isnull=True)


def centres_with_counts() -> QuerySet:
    return Centre.objects.annotate(
        artisan_count=Count("artisans", distinct=True),
        product_count=Count("products", filter=PUBLIC_PRODUCTS, distinct=True),
    ).order_by("name")


def centre_artisans(centre: Centre) -> QuerySet:
    return (
        Artisan.objects.filter(centre=centre)
        .annotate(product_count=Count("products", filter=PUBLIC_PRODUCTS, distinct=True))
        .order_by("name")
    )


def products_of_centre(centre: Centre) -> QuerySet:
    return browsable_products().filter(centre=centre)


def products_of_artisan(artisan: Artisan) -> QuerySet:
    return browsable_products().filter(artisan=artisan)
