"""Writes of the workshop: an artisan's products, their price and photos.

Stock levels change only through ``marketplace.stock.services``; visibility and
provenance of public products only through ``marketplace.listings.services``.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import Http404
from oscar.core.loading import get_model

from marketplace.listings import services as listings
from marketplace.stock.models import StockChangeReason
from marketplace.stock.services import change_stock

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


def _set_attributes(product, attributes: dict[str, Any]) -> None:
    for code, value in attributes.items():
        setattr(product.attr, code, value)


@transaction.atomic
def create_artisan_product(
    *,
    artisan,
    product_class,
    details: dict[str, Any],
    provenance: dict[str, Any],
    attributes: dict[str, Any],
    price: Decimal,
    sku: str,
    initial_stock: int,
    actor,
    submit: bool,
    image=None,
):
    """A new, hidden product of ``artisan`` with its stock record and draft listing.

    The initial stock is the ledger's first entry (reason: produced). With ``submit``
    the product goes to the centre manager for review at once.
    """
    product = Product(
        product_class=product_class,
        structure=Product.STANDALONE,
        is_public=False,
        artisan=artisan,
        centre_id=artisan.centre_id,
        **details,
        **listings.normalise_provenance(provenance),
    )
    _set_attributes(product, attributes)
    product.save()
    category = Category.objects.filter(slug=product_class.slug, depth=1).first()
    if category is not None:
        ProductCategory.objects.create(product=product, category=category)
    record = StockRecord.objects.create(
        product=product,
        partner_id=artisan.partner_id,
        partner_sku=sku or f"{artisan.slug[:40].upper()}-{product.pk}",
        price_currency=settings.OSCAR_DEFAULT_CURRENCY,
        price=price,
        num_in_stock=0,
        num_allocated=0,
    )
    if initial_stock:
        change_stock(
            stockrecord_id=record.pk,
            actor=actor,
            reason=StockChangeReason.PRODUCED,
            change=initial_stock,
        )
    if image:
        add_product_image(product=product, image=image)
    listings.start_listing(product=product)
    if submit:
        listings.submit_product_for_review(product=product, actor=actor)
    return product


@transaction.atomic
def update_artisan_product(
    *,
    product,
    partner_id: int,
    details: dict[str, Any],
    provenance: dict[str, Any],
    attributes: dict[str, Any],
    price: Decimal,
    actor,
    submit: bool,
):
    """Save an artisan's edit: details and price at once, provenance as listings decide.

    On a public product, changed provenance waits for the centre manager (the shop
    keeps the approved values); on a hidden one it is saved, and ``submit`` asks for
    review.
    """
    product = Product.objects.select_for_update().get(pk=product.pk)
    for name, value in details.items():
        setattr(product, name, value)
    _set_attributes(product, attributes)
    product.save()
    record = product.stockrecords.filter(partner_id=partner_id).order_by("pk").first()
    if record is None:
        StockRecord.objects.create(
            product=product,
            partner_id=partner_id,
            partner_sku=f"P{product.pk}",
            price_currency=settings.OSCAR_DEFAULT_CURRENCY,
            price=price,
            num_in_stock=0,
            num_allocated=0,
        )
    elif record.price != price:
        record.price = price
        record.save(update_fields=["price", "date_updated"])
    listings.change_provenance(product=product, provenance=provenance, actor=actor)
    if submit and not product.is_public:
        listings.submit_product_for_review(product=product, actor=actor)
    return product


@transaction.atomic
def add_product_image(*, product, image, caption: str = ""):
    last = product.images.order_by("-display_order").values_list("display_order", flat=True)
    return ProductImage.objects.create(
        product=product,
        original=image,
        caption=caption,
        display_order=(last.first() + 1) if last.exists() else 0,
    )


@transaction.atomic
def delete_product_image(*, product, image_pk: int) -> None:
    # Loaded on its own: Oscar's delete() renumbers ``image.product.images``, which must
    # not be a prefetched list still holding the deleted image (it would be re-saved).
    image = ProductImage.objects.filter(product_id=product.pk, pk=image_pk).first()
    if image is None:
        raise Http404
    image.delete()
