"""Reads for listing approval: what a manager has to review, and what changed."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from oscar.core.loading import get_model

from marketplace.centres import roles

from .models import ListingState, ProductListing
from .services import PROVENANCE_FIELDS, deserialise, provenance_field

Motif = get_model("catalogue", "Motif")
Product = get_model("catalogue", "Product")


def pending_listings(user) -> QuerySet:
    """Listings awaiting review in the centres ``user`` manages, oldest first."""
    return _pending(ProductListing.objects.filter(product__centre__in=roles.managed_centres(user)))


def pending_listings_in(centres, *, is_admin: bool) -> QuerySet:
    """Listings awaiting review in ``centres`` (any centre when ``is_admin``), oldest first.

    For the task hub, which already knows the user's centres.
    """
    listings = ProductListing.objects.all()
    if not is_admin:
        listings = listings.filter(product__centre__in=[centre.pk for centre in centres])
    return _pending(listings.filter(product__centre__isnull=False))


def _pending(listings) -> QuerySet:
    return (
        listings.filter(state=ListingState.PENDING)
        .select_related(
            "product__artisan",
            "product__centre",
            "product__motif",
            "product__product_class",
            "submitted_by",
        )
        .order_by("submitted_at", "pk")
    )


def reviewable_product(user, pk: int):
    """A product of ``user``'s centres with a listing awaiting review, or ``None``."""
    listing = pending_listings(user).filter(product_id=pk).first()
    return listing.product if listing else None


@dataclass(frozen=True)
class ProvenanceLine:
    label: str
    current: str
    proposed: str

    @property
    def is_changed(self) -> bool:
        return self.current != self.proposed


def _display(key: str, value: Any, motifs: dict[int, str]) -> str:
    if value in (None, ""):
        return "—"
    if key == "motif_id":
        return motifs.get(value, "?")
    choices = dict(provenance_field(key).flatchoices)
    return str(choices.get(value, value))


def motif_names(listings) -> dict[int, str]:
    """Names of every motif shown or proposed in ``listings``, in one query."""
    ids = set()
    for listing in listings:
        ids.add(listing.product.motif_id)
        ids.add(deserialise(listing.proposed_provenance).get("motif_id"))
    ids.discard(None)
    return dict(Motif.objects.filter(pk__in=ids).values_list("pk", "name"))


def provenance_lines(listing: ProductListing, motifs: dict[int, str]) -> list[ProvenanceLine]:
    """Each provenance field: what the product has now, and what is proposed."""
    product = listing.product
    proposed = deserialise(listing.proposed_provenance)
    lines = []
    for key in PROVENANCE_FIELDS:
        current = getattr(product, key)
        lines.append(
            ProvenanceLine(
                label=str(provenance_field(key).verbose_name),
                current=_display(key, current, motifs),
                proposed=_display(key, proposed.get(key, current), motifs),
            )
        )
    return lines
