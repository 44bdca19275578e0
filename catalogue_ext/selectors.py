"""Catalogue reads that join provenance: one query per page, whatever its length."""

from django.db.models import Q, QuerySet
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


def browsable_products() -> QuerySet:
    """Public, canonical products with everything a product card shows, prefetched.

    The query count of a list page built on this does not grow with its length:
    Oscar's ``base_queryset`` prefetches stock records, images, children and options;
    provenance comes in through ``select_related``.
    """
    return Product.objects.base_queryset().browsable().select_related("artisan", "centre", "motif")


def search_products(queryset: QuerySet, text: str) -> QuerySet:
    """Products whose title, motif, artisan or centre name contains ``text``."""
    text = (text or "").strip()
    if not text:
        return queryset
    return queryset.filter(
        Q(title__icontains=text)
        | Q(motif__name__icontains=text)
        | Q(artisan__name__icontains=text)
        | Q(centre__name__icontains=text)
        | Q(centre__city__icontains=text)
    )
