"""Reads for trace pages and hang-tags: one product with all its provenance, or a batch."""

from django.db.models import F, Prefetch, Q, QuerySet
from oscar.core.loading import get_model

from marketplace.centres.roles import artisans_of_user, is_marketplace_admin, managed_centres

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
Certificate = get_model("catalogue", "Certificate")
ProductMaker = get_model("catalogue", "ProductMaker")


def traceable_products() -> QuerySet:
    """Pieces with a trace page: canonical products whose maker and centre are known.

    Hidden products are included on purpose: a piece sold in a centre's gallery with a
    hang-tag, or taken off the shop later, keeps its provenance page. Only the link to
    the shop page depends on the product being public.
    """
    return Product.objects.filter(
        parent__isnull=True, artisan__isnull=False, centre__isnull=False
    ).select_related("artisan", "centre", "motif", "product_class")


def product_for_trace(code: str):
    """The traceable product with ``code`` (case-insensitive), or None."""
    code = (code or "").strip().upper()
    if not code.isalnum():
        return None
    return (
        traceable_products()
        .prefetch_related(
            Prefetch(
                "makers",
                queryset=ProductMaker.objects.select_related("artisan").order_by("role", "pk"),
            ),
            Prefetch("certificates", queryset=Certificate.objects.order_by("kind", "-issued_on")),
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
            "categories",
        )
        .filter(trace_code=code)
        .first()
    )


def can_print_tags(user) -> bool:
    """Artisans, centre managers and administrators print hang-tags."""
    if not user.is_authenticated:
        return False
    return (
        is_marketplace_admin(user)
        or managed_centres(user).exists()
        or artisans_of_user(user).exists()
    )


def printable_products(user) -> QuerySet:
    """The pieces ``user`` may print hang-tags for: their own, or their centres'."""
    queryset = traceable_products()
    if not user.is_authenticated:
        return queryset.none()
    if is_marketplace_admin(user):
        return queryset
    return queryset.filter(
        Q(artisan__in=artisans_of_user(user).values("pk"))
        | Q(centre__in=managed_centres(user).values("pk"))
    )


def certificates_to_review(user) -> QuerySet:
    """Certificates of the user's centres (all for an administrator), unverified first."""
    queryset = Certificate.objects.select_related("artisan__centre", "verified_by").order_by(
        F("verified_at").asc(nulls_first=True), "-issued_on", "pk"
    )
    if is_marketplace_admin(user):
        return queryset
    return queryset.filter(artisan__centre__in=managed_centres(user).values("pk"))
