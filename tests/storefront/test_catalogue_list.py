"""The catalogue list: what shoppers see, and a query count that stays flat."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue_ext.facet_cache import catalogue_changed
from tests.factories import ArtisanFactory, ProductFactory, kind_category

pytestmark = pytest.mark.django_db

# Measured: stock Oscar makes ~6 more per listed product (72 for 10, 612 for 100).
# Ours: count + page + five prefetches (children, options, class options, stock
# records, images) + the menu's category tree (2) + category roots: 10 once the
# facet counts are cached. After a catalogue change the first page also counts its
# facets: eight queries (category, technique, dye, centre, province, motif, in-stock,
# price range).
CATALOGUE_PAGE_QUERIES = 10
FACET_QUERIES = 8

# page -> (URL, query budget with the counts cached): a category page also reads its
# category.
LIST_PAGES = {
    "catalogue": (lambda: reverse("catalogue:index"), CATALOGUE_PAGE_QUERIES),
    "filtered": (
        lambda: (
            reverse("catalogue:index")
            + "?technique=tulis&dye=alam&in_stock=1&price_min=1000&sort=price"
        ),
        CATALOGUE_PAGE_QUERIES,
    ),
    "category": (
        lambda: kind_category("kain-batik").get_absolute_url() + "?sort=-price",
        CATALOGUE_PAGE_QUERIES + 1,
    ),
    "search": (
        lambda: reverse("search:search") + "?q=Kain&technique=tulis",
        CATALOGUE_PAGE_QUERIES,
    ),
}
PAGE_SIZES = (1, 20, 100)


def _queries_for(client, url) -> tuple[int, int]:
    """(SQL queries, products shown) for one request of ``url``."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.context["products"])


@pytest.mark.parametrize("page", sorted(LIST_PAGES))
def test_catalogue_list_query_count_does_not_grow_with_products_shown(client, settings, page):
    url_of, budget = LIST_PAGES[page]
    # Many artisans, centres and motifs, so provenance joins and facets are exercised.
    artisans = ArtisanFactory.create_batch(5)
    for i in range(max(PAGE_SIZES) + 5):
        ProductFactory(title=f"Kain {i}", artisan=artisans[i % 5])
    url = url_of()
    client.get(url)  # a warm-up request fills per-process caches (content types, site)

    measured = {}
    for size in PAGE_SIZES:
        settings.OSCAR_PRODUCTS_PER_PAGE = size
        catalogue_changed()  # as after any write: the facets are counted afresh
        cold = _queries_for(client, url)
        measured[size] = (cold, _queries_for(client, url))

    assert measured == {
        size: ((budget + FACET_QUERIES, size), (budget, size)) for size in PAGE_SIZES
    }


def test_catalogue_list_shows_each_products_artisan_and_centre(client):
    product = ProductFactory(title="Kain Surya Majapahit")
    response = client.get(reverse("catalogue:index"))
    html = response.content.decode()
    assert "Kain Surya Majapahit" in html
    assert f'href="{product.artisan.get_absolute_url()}"' in html
    assert f'href="{product.centre.get_absolute_url()}"' in html


def test_hidden_products_are_not_listed(client):
    ProductFactory(title="Visible piece")
    ProductFactory(title="Hidden piece", is_public=False)
    html = client.get(reverse("catalogue:index")).content.decode()
    assert "Visible piece" in html
    assert "Hidden piece" not in html


def test_category_page_lists_only_that_categorys_products(client):
    bags = kind_category("tas")
    ProductFactory(title="Tas batik Kawung", category=bags)
    ProductFactory(title="Kain batik Parang")
    response = client.get(bags.get_absolute_url())
    titles = [p.title for p in response.context["products"]]
    assert titles == ["Tas batik Kawung"]


@pytest.mark.parametrize("query", ["Surya", "Sulastri", "Laweyan"])
def test_search_covers_product_motif_artisan_and_centre_names(client, query):
    artisan = ArtisanFactory(name="Ibu Sulastri", centre__name="Kampung Batik Laweyan")
    match = ProductFactory(title="Selendang", artisan=artisan, motif__name="Surya Majapahit")
    ProductFactory(title="Something else")
    response = client.get(reverse("search:search"), {"q": query})
    assert [p.pk for p in response.context["products"]] == [match.pk]


def test_a_product_in_a_category_and_its_subcategory_is_listed_once(client):
    bags = kind_category("tas")
    handbags = bags.add_child(name="Tas tangan", slug="tas-tangan")
    product = ProductFactory(title="Tas batik Parang", category=bags)
    product.categories.add(handbags)
    response = client.get(bags.get_absolute_url())
    assert [p.pk for p in response.context["products"]] == [product.pk]
