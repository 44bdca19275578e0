"""Catalogue reads that join provenance: one query per page, whatever its length."""

from django.db.models import Q, QuerySet
from oscar.core.loading import get_model

Certificate = get_model("catalogue", "Certificate")
Product = get_model("catalogue", "Product")


def with_card_data(products: QuerySet) -> QuerySet:
    """``products`` with everything a product card shows, prefetched.

    The query count of a list page built on this does not grow with its length:
    Oscar's ``base_queryset`` prefetches stock records, images, children and options;
    provenance comes in through ``select_related``.
    """
    return products.base_queryset().select_related("artisan", "centre", "motif")


def browsable_products() -> QuerySet:
    """Public, canonical products, each with what its product card shows."""
    return with_card_data(Product.objects.browsable())


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


def certificates_to_verify(centres, *, is_admin: bool, today) -> QuerySet:
    """Unverified, unexpired certificates that the user of ``centres`` may verify.

    A manager vouches only for their own centres (``services.can_verify_certificate``):
    certificates whose holder is elsewhere, or which cover a piece of another centre,
    are left out. An administrator sees every one. Oldest issue first.
    """
    certificates = Certificate.objects.filter(verified_at__isnull=True).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    )
    if not is_admin:
        centre_ids = [centre.pk for centre in centres]
        foreign_pieces = Product.objects.filter(centre__isnull=False).exclude(centre__in=centre_ids)
        certificates = certificates.filter(artisan__centre__in=centre_ids).exclude(
            products__in=foreign_pieces
        )
    return certificates.select_related("artisan__centre").order_by("issued_on", "pk")
