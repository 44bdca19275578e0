"""Product cards cached under a key that no stale price or stock level can match.

A card's key is a digest of everything the card shows, taken from the same fresh
query that lists the products: the price and availability the request's strategy
gives, each stock record's price and numbers, title, URL, primary image, the
provenance names and the language. Any change, whichever path it takes (a dashboard
form, a queryset ``update()``, an order placed on another app server), changes the
key, so the next page draws that card anew. Nothing needs invalidating: entries
nobody asks for any more expire (after an hour, the template's ``{% cache %}``).

What the cache saves is rendering (the card's template, its thumbnail lookup, its
URLs), not queries: the list query runs on every request and is what keeps the
cards honest.
"""

import hashlib


def purchase_info(strategy, product):
    """Oscar's ``purchase_info_for_product``: what this request's buyer pays and gets."""
    if product.is_parent:
        return strategy.fetch_for_parent(product)
    return strategy.fetch_for_product(product)


def _price_parts(price) -> tuple:
    if not price.exists:
        return ("no-price",)
    incl_tax = price.incl_tax if price.is_tax_known else None
    return (price.currency, str(price.excl_tax), str(incl_tax), price.is_tax_known)


def _named(obj) -> tuple:
    if obj is None:
        return ()
    return (obj.pk, getattr(obj, "name", ""), getattr(obj, "slug", ""))


def card_key(product, strategy, language: str) -> str:
    """A digest of everything a product card shows; reads only prefetched data."""
    info = purchase_info(strategy, product)
    availability = info.availability
    image = product.primary_image()
    image_name = getattr(getattr(image, "original", None), "name", "") or ""
    parts = (
        language,
        type(strategy).__qualname__,
        product.pk,
        product.slug,
        product.get_title(),
        product.structure,
        product.date_updated.isoformat() if product.date_updated else "",
        _price_parts(info.price),
        availability.code,
        str(availability.short_message),
        availability.is_available_to_buy,
        tuple(
            (record.pk, str(record.price), record.num_in_stock, record.num_allocated)
            for record in product.stockrecords.all()
        ),
        image_name,
        product.technique,
        _named(product.artisan),
        _named(product.centre),
        _named(product.motif),
    )
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"{product.pk}.{digest}"
