"""Cached facet counts: reused while the catalogue is unchanged, never stale after a write.

Each test warms the cache with one page, changes the catalogue the way the shop does
(a form's ``save()``, Oscar's stock allocation, the stock ledger, a bulk ``update()``,
a category link, a rename, a deletion) and asserts the next page's exact counts.
"""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue_ext import facet_cache
from catalogue_ext.facets import CatalogueFilters, category_roots, facet_counts
from marketplace.stock.services import change_stock
from tests.factories import UserFactory, artisan_user, kind_category, place_order
from tests.known_catalogue import build_known_catalogue

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

CATALOGUE = reverse("catalogue:index")
# Uncached, the page counts its facets in eight queries; cached, it reads one entry.
FACET_QUERIES = 8


@pytest.fixture
def known():
    return build_known_catalogue()


def _page(client, url=CATALOGUE):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


def _counts(response, name) -> dict:
    facet = next(f for f in response.context["facets"]["list"] if f.name == name)
    return {option.value: option.count for option in facet.options}


def _labels(response, name) -> dict:
    facet = next(f for f in response.context["facets"]["list"] if f.name == name)
    return {option.value: option.label for option in facet.options}


def _in_stock(response) -> int:
    return response.context["facets"]["in_stock"].count


def test_the_second_page_reuses_the_counts_and_shows_the_same(client, known):
    first, cold = _page(client)
    second, warm = _page(client)

    assert cold - warm == FACET_QUERIES
    assert _counts(second, "technique") == _counts(first, "technique")
    assert _counts(second, "technique") == {
        "tulis": 5,
        "cap": 2,
        "kombinasi": 0,
        "printed": 1,
        "ecoprint": 1,
    }
    assert _in_stock(second) == _in_stock(first) == 8


def test_the_sort_order_shares_the_counts_but_another_filter_does_not(client, known):
    _page(client)
    _sorted, sorted_queries = _page(client, f"{CATALOGUE}?sort=price")
    narrowed, _queries = _page(client, f"{CATALOGUE}?dye=alam")

    _again, warm = _page(client)
    assert sorted_queries == warm
    assert _counts(narrowed, "technique") == {
        "tulis": 4,
        "cap": 1,
        "kombinasi": 0,
        "printed": 0,
        "ecoprint": 1,
    }


def test_a_product_saved_with_another_technique_moves_between_counts(client, known):
    _page(client)
    product = known["products"]["surya_cap"]
    product.technique = "tulis"
    product.save()

    response, _queries = _page(client)
    assert _counts(response, "technique") == {
        "tulis": 6,
        "cap": 1,
        "kombinasi": 0,
        "printed": 1,
        "ecoprint": 1,
    }


def test_a_bulk_update_of_products_changes_the_counts(client, known):
    _page(client)
    Product.objects.filter(technique="cap").update(is_public=False)

    response, _queries = _page(client)
    assert _counts(response, "technique") == {
        "tulis": 5,
        "cap": 0,
        "kombinasi": 0,
        "printed": 1,
        "ecoprint": 1,
    }
    assert response.context["paginator"].count == 7


def test_a_piece_sold_out_by_an_order_leaves_the_in_stock_count(client, known):
    """Oscar allocates the order's stock with a queryset ``update()`` and then sends
    ``post_save`` itself; either would start a new generation."""
    _page(client, f"{CATALOGUE}?in_stock=1")
    surya_tulis = known["products"]["surya_tulis"]  # the only one in stock

    place_order((surya_tulis, 1), user=UserFactory())

    response, _queries = _page(client, f"{CATALOGUE}?in_stock=1")
    assert _in_stock(response) == 7
    assert surya_tulis.pk not in {product.pk for product in response.context["products"]}
    assert _counts(response, "technique") == {
        "tulis": 3,
        "cap": 2,
        "kombinasi": 0,
        "printed": 1,
        "ecoprint": 1,
    }


def test_a_stock_correction_in_the_ledger_changes_the_in_stock_count(client, known):
    _page(client)
    piece = known["products"]["mrico_selendang"]  # out of stock
    record = piece.stockrecords.get()

    change_stock(
        stockrecord_id=record.pk,
        actor=artisan_user(piece.artisan),
        reason="produced",
        change=2,
    )

    response, _queries = _page(client)
    assert _in_stock(response) == 9


def test_a_new_price_changes_the_price_range(client, known):
    _page(client)
    record = known["products"]["parang_tulis"].stockrecords.get()
    record.price = Decimal("3250000.00")
    record.save()

    response, _queries = _page(client)
    assert response.context["facets"]["price_high"] == Decimal("3250000.00")


def test_a_product_added_to_a_category_counts_there(client, known):
    _page(client)
    known["products"]["ecoprint"].categories.add(kind_category("tas"))

    response, _queries = _page(client)
    assert _counts(response, "category")["tas"] == 2


def test_a_renamed_centre_shows_its_new_name(client, known):
    _page(client)
    centre = known["centres"]["maja"]
    centre.name = "Sentra Batik Majapahit"
    centre.save()

    response, _queries = _page(client)
    assert _labels(response, "centre")[centre.slug] == "Sentra Batik Majapahit"


def test_a_deleted_product_leaves_the_counts(client, known):
    _page(client)
    known["products"]["ecoprint"].delete()

    response, _queries = _page(client)
    assert _counts(response, "technique")["ecoprint"] == 0


def test_counts_taken_before_a_commit_are_not_served_after_it(
    known, django_capture_on_commit_callbacks
):
    """A page that counted while a write was uncommitted stored the old rows' counts."""
    filters = CatalogueFilters()
    roots = category_roots()
    with django_capture_on_commit_callbacks(execute=True):
        facet_cache.catalogue_changed()
        # Another app server counts now, from the rows as they were before the commit.
        stale = {"stale": True}
        key = facet_cache.facet_counts_key(filters, roots, facet_cache.current_generation())
        cache.set(key, stale)
        during = facet_cache.cached_facet_counts(filters, roots, lambda: {"fresh": True})

    after = facet_cache.cached_facet_counts(filters, roots, lambda: facet_counts(filters, roots))

    assert during == stale
    assert after["technique"] == {"tulis": 5, "cap": 2, "printed": 1, "ecoprint": 1}


def test_an_evicted_generation_is_replaced_by_a_new_one_not_an_old_one(known):
    before = facet_cache.current_generation()
    cache.delete(facet_cache.GENERATION_KEY)

    after = facet_cache.current_generation()

    assert after != before
    assert facet_cache.current_generation() == after


def test_no_seconds_means_no_cache(client, known, settings):
    settings.FACET_CACHE_SECONDS = 0
    _first, cold = _page(client)
    _second, again = _page(client)
    assert again == cold


def test_a_product_taken_out_of_a_category_leaves_its_count(client, known):
    _page(client)
    known["products"]["mrico_tas"].categories.remove(kind_category("tas"))

    response, _queries = _page(client)
    assert _counts(response, "category")["tas"] == 0


def test_a_renamed_motif_shows_its_new_name(client, known):
    _page(client)
    motif = known["products"]["surya_tulis"].motif
    motif.name = "Surya Majapahit Baru"
    motif.save()

    response, _queries = _page(client)
    assert _labels(response, "motif")[motif.slug] == "Surya Majapahit Baru"


def test_stock_records_created_in_bulk_change_the_price_range(client, known):
    _page(client)
    piece = known["products"]["printed_shoes"]
    StockRecord.objects.bulk_create(
        [
            StockRecord(
                product=piece,
                partner=piece.stockrecords.get().partner,
                partner_sku="SEPATU-XL",
                price_currency="IDR",
                price=Decimal("99000.00"),
                num_in_stock=1,
            )
        ]
    )

    response, _queries = _page(client)
    assert response.context["facets"]["price_low"] == Decimal("99000.00")


def test_migrate_starts_a_new_generation(known):
    """Data migrations write through historical models, which send no signal."""
    before = facet_cache.current_generation()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert facet_cache.current_generation() != before
