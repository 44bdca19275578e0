"""The catalogue list: what shoppers see, and a query count that stays flat."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ArtisanFactory, ProductFactory, kind_category

pytestmark = pytest.mark.django_db

# Measured: stock Oscar makes ~6 more per listed product (72 for 10, 612 for 100).
CATALOGUE_PAGE_QUERIES = 11


def _queries_for_catalogue_page(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("catalogue:index"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("per_page", [1, 20, 100])
def test_catalogue_list_query_count_does_not_grow_with_products_shown(client, settings, per_page):
    settings.OSCAR_PRODUCTS_PER_PAGE = per_page
    ProductFactory()  # a warm-up page fills per-process caches (content types, site)
    _queries_for_catalogue_page(client)

    # Several artisans and centres, so provenance joins are really exercised.
    artisans = ArtisanFactory.create_batch(3)
    for i in range(per_page):
        ProductFactory(artisan=artisans[i % 3])
    queries = _queries_for_catalogue_page(client)

    response = client.get(reverse("catalogue:index"))
    assert len(response.context["products"]) == per_page
    # Count + page + five prefetches (children, options, class options, stock
    # records, images) + category tree, site and basket reads: the same for 1 or 100.
    assert queries == CATALOGUE_PAGE_QUERIES


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
