"""Listing approval: submit, approve, reject; provenance changes wait for approval.

Provenance is what a buyer trusts a piece for (technique, dye, fabric, motif, …). On
a product not yet public it is edited freely; on a public product a change becomes a
proposal (``ProductListing.proposed_provenance``) and the shop keeps showing the
approved values until the centre's manager approves it.
"""

import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.audit.models import AuditEvent
from marketplace.audit.services import record_audit_event
from marketplace.centres import roles

from .models import ListingAction, ListingEvent, ListingState, ProductListing

Product = get_model("catalogue", "Product")

# Product attribute names (``motif_id`` for the motif) a manager must approve.
PROVENANCE_FIELDS = (
    "technique",
    "dye",
    "fabric",
    "motif_id",
    "made_on",
    "batikmark_number",
    "tkdn_percent",
    "bmp_percent",
)
REQUIRED_PROVENANCE = ("technique", "dye", "fabric", "motif_id")


class ListingRefused(Exception):
    """The listing step is not possible in the listing's current state."""


def provenance_field(attname: str):
    return Product._meta.get_field(attname.removesuffix("_id"))


def normalise_provenance(values: dict[str, Any]) -> dict[str, Any]:
    """Only provenance keys, each converted to its model field's Python value."""
    return {
        key: provenance_field(key).to_python(value)
        for key, value in values.items()
        if key in PROVENANCE_FIELDS
    }


def provenance_of(product) -> dict[str, Any]:
    return {key: getattr(product, key) for key in PROVENANCE_FIELDS}


def serialise(values: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def deserialise(data: dict[str, Any]) -> dict[str, Any]:
    return normalise_provenance(data)


def listing_of(product) -> ProductListing:
    """The product's listing; an unsaved one for products older than listing approval."""
    try:
        return product.listing
    except ProductListing.DoesNotExist:
        state = ListingState.APPROVED if product.is_public else ListingState.DRAFT
        return ProductListing(product=product, state=state)


def _locked_listing(product) -> ProductListing:
    listing = ProductListing.objects.select_for_update().filter(product=product).first()
    if listing is None:
        listing = listing_of(Product.objects.get(pk=product.pk))
        listing.save()
    return listing


def _submit(listing: ProductListing, actor, provenance: dict) -> None:
    listing.state = ListingState.PENDING
    listing.submitted_by = actor
    listing.submitted_at = timezone.now()
    listing.save()
    ListingEvent.objects.create(
        listing=listing,
        action=ListingAction.SUBMITTED,
        actor=actor,
        provenance=serialise(provenance),
    )


@transaction.atomic
def start_listing(*, product) -> ProductListing:
    """A draft listing for a new, not yet public product."""
    if product.is_public:
        raise ListingRefused(_("A new product starts hidden until it is approved."))
    return ProductListing.objects.create(product=product, state=ListingState.DRAFT)


@transaction.atomic
def change_provenance(*, product, provenance: dict[str, Any], actor) -> ProductListing:
    """Set the provenance of ``product``: directly while it is hidden, else as a proposal.

    A proposal for a public product is submitted for review at once; proposing the
    values the shop already shows withdraws a pending proposal.
    """
    listing = _locked_listing(product)
    product = Product.objects.select_for_update().get(pk=product.pk)
    wanted = normalise_provenance(provenance)
    current = provenance_of(product)
    changed = {key: value for key, value in wanted.items() if current[key] != value}
    if not product.is_public:
        if changed:
            for key, value in changed.items():
                setattr(product, key, value)
            product.save()
        return listing
    if changed:
        listing.proposed_provenance = serialise(changed)
        _submit(listing, actor, {**current, **changed})
    elif listing.proposed_provenance:
        listing.proposed_provenance = {}
        listing.state = ListingState.APPROVED
        listing.save()
    return listing


@transaction.atomic
def submit_product_for_review(*, product, actor) -> ProductListing:
    """Ask the centre manager to approve ``product`` (idempotent while pending)."""
    listing = _locked_listing(product)
    if listing.state == ListingState.PENDING:
        return listing
    product = Product.objects.get(pk=product.pk)
    if product.is_public and not listing.proposed_provenance:
        raise ListingRefused(_("This product is public and unchanged: nothing to review."))
    provenance = {**provenance_of(product), **deserialise(listing.proposed_provenance)}
    missing = [key for key in REQUIRED_PROVENANCE if not provenance[key]]
    if missing:
        labels = ", ".join(str(provenance_field(key).verbose_name) for key in missing)
        raise ListingRefused(_("Fill in the provenance first: %(fields)s.") % {"fields": labels})
    _submit(listing, actor, provenance)
    return listing


def _check_reviewer(reviewer, product) -> None:
    if (
        not product.centre_id
        or not roles.managed_centres(reviewer).filter(pk=product.centre_id).exists()
    ):
        raise PermissionDenied(_("Only a manager of the product's centre may review it."))


@transaction.atomic
def approve_product(*, product, reviewer, note: str = "") -> ProductListing:
    """Make ``product`` public with its proposed provenance applied."""
    listing = _locked_listing(product)
    product = Product.objects.select_for_update().get(pk=product.pk)
    _check_reviewer(reviewer, product)
    if listing.state != ListingState.PENDING:
        raise ListingRefused(_("This product is not awaiting review."))
    was_public = product.is_public
    for key, value in deserialise(listing.proposed_provenance).items():
        setattr(product, key, value)
    product.is_public = True
    try:
        product.clean()
    except ValidationError as error:
        raise ListingRefused(" ".join(error.messages)) from error
    product.save()
    listing.state = ListingState.APPROVED
    listing.proposed_provenance = {}
    listing.reviewer = reviewer
    listing.reviewed_at = timezone.now()
    listing.note = note
    listing.save()
    ListingEvent.objects.create(
        listing=listing,
        action=ListingAction.APPROVED,
        actor=reviewer,
        note=note,
        provenance=serialise(provenance_of(product)),
    )
    record_audit_event(
        actor=reviewer,
        action=AuditEvent.Action.PRODUCT_APPROVED,
        target=product,
        before={"state": ListingState.PENDING, "is_public": was_public},
        after={"state": listing.state, "is_public": True, "note": note},
        centre=product.centre_id,
    )
    return listing


@transaction.atomic
def reject_product(*, product, reviewer, note: str) -> ProductListing:
    """Refuse the submission with a note for the artisan; the shop keeps what it shows."""
    if not note.strip():
        raise ListingRefused(_("Tell the artisan why: a note is required."))
    listing = _locked_listing(product)
    product = Product.objects.get(pk=product.pk)
    _check_reviewer(reviewer, product)
    if listing.state != ListingState.PENDING:
        raise ListingRefused(_("This product is not awaiting review."))
    proposed = {**provenance_of(product), **deserialise(listing.proposed_provenance)}
    listing.state = ListingState.REJECTED
    listing.proposed_provenance = {}
    listing.reviewer = reviewer
    listing.reviewed_at = timezone.now()
    listing.note = note.strip()
    listing.save()
    ListingEvent.objects.create(
        listing=listing,
        action=ListingAction.REJECTED,
        actor=reviewer,
        note=listing.note,
        provenance=serialise(proposed),
    )
    record_audit_event(
        actor=reviewer,
        action=AuditEvent.Action.PRODUCT_REJECTED,
        target=product,
        before={"state": ListingState.PENDING},
        after={"state": listing.state, "note": listing.note},
        centre=product.centre_id,
    )
    return listing
