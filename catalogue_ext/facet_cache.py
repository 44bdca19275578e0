"""Facet counts cached per filter set; any catalogue write starts a new generation.

The sidebar's counts are eight grouped queries over the whole catalogue, the most
expensive part of the catalogue, category and search pages. They are cached under a
key made of the filters and a catalogue *generation*: a token in the cache that every
write able to change a count replaces —

- a product, product-category link, stock record, category, centre, artisan, motif or
  product class saved or deleted (model signals), a product's categories changed;
- an ``update()``, ``bulk_update()`` or ``bulk_create()`` of products or stock records
  (their querysets, ``CatalogueWriteQuerySet``), which is how Oscar allocates stock to
  an order and how the stock ledger writes a level.

The token is replaced at the write, so the writing request sees new counts, and again
when its transaction commits, so counts computed meanwhile from the rows as they were
before the commit are never served afterwards. A token, not a counter: if the cache
evicts it, the next one is new rather than an old number that old entries still use.
``migrate`` replaces it when it ends (data migrations use historical models, which
send no signal). One gap is left open: a request that writes, renders a catalogue
page and then rolls back would leave counts of its uncommitted rows cached until they
expire; no view of the shop does that.

The generation lives in Django's cache, so app servers share it when the cache is
shared (Redis, ``REDIS_URL``, as the production layout has it). Entries also expire
after ``FACET_CACHE_SECONDS``: the bound for a write made outside Django (raw SQL) or
committed while the cache could not be reached.
Product lists themselves are never cached here; they are read fresh on every request.
"""

import hashlib
import uuid
from dataclasses import replace

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction

GENERATION_KEY = "catalogue:facets:generation"


def _new_generation() -> str:
    token = uuid.uuid4().hex
    cache.set(GENERATION_KEY, token, None)
    return token


def current_generation() -> str:
    return cache.get(GENERATION_KEY) or _new_generation()


def catalogue_changed(**_signal_kwargs) -> None:
    """Start a new generation now and again when the current transaction commits."""
    _new_generation()
    # Robust: the rows are committed by then; a cache that fails now must not turn the
    # finished write into an error page (the entries still expire, see below).
    transaction.on_commit(_new_generation, robust=True)


def facet_counts_key(filters, roots, generation: str) -> str:
    """The cache key of one filter set's counts (the sort order does not change them).

    The filters' own query string names every filter, so a filter added later is in
    the key without being listed here; the category in a category page's path is not
    in it and is added.
    """
    within = filters.within_category
    parts = (
        replace(filters, sort=type(filters).sort).querystring(),  # with the default sort
        (within.pk, within.path) if within is not None else None,
        tuple((root.pk, root.path, root.slug) for root in roots),
    )
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"catalogue:facets:{generation}:{digest}"


def cached_facet_counts(filters, roots, compute) -> dict:
    """``compute()``'s counts for ``filters``, from the cache while the catalogue is unchanged."""
    seconds = settings.FACET_CACHE_SECONDS
    if not seconds:
        return compute()
    # The generation is read before counting: counts of rows that change meanwhile are
    # stored under the generation that the change replaces, where nobody looks again.
    key = facet_counts_key(filters, roots, current_generation())
    counts = cache.get(key)
    if counts is None:
        counts = compute()
        cache.set(key, counts, seconds)
    return counts


class CatalogueWriteQuerySet(models.QuerySet):
    """A queryset whose bulk writes start a new facet generation (signals skip them)."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows:
            catalogue_changed()
        return rows

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            catalogue_changed()
        return created

    bulk_create.alters_data = True


def connect_signals() -> None:
    """Bump the generation on every model write that can change a facet count."""
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
    from oscar.core.loading import get_model

    from marketplace.centres.models import Artisan, Centre

    senders = [
        get_model("catalogue", "Product"),
        get_model("catalogue", "ProductCategory"),
        get_model("catalogue", "Category"),
        get_model("catalogue", "ProductClass"),
        get_model("catalogue", "Motif"),
        get_model("partner", "StockRecord"),
        Artisan,
        Centre,
    ]
    for sender in senders:
        uid = f"facet-generation-{sender._meta.label_lower}"
        post_save.connect(catalogue_changed, sender=sender, dispatch_uid=f"{uid}-save")
        post_delete.connect(catalogue_changed, sender=sender, dispatch_uid=f"{uid}-delete")
    categories = get_model("catalogue", "Product").categories.through
    m2m_changed.connect(catalogue_changed, sender=categories, dispatch_uid="facet-generation-m2m")
    post_migrate.connect(catalogue_changed, dispatch_uid="facet-generation-migrate")
