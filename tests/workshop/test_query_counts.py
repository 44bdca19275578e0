"""Every workshop list page makes the same number of SQL queries for more rows."""

import pytest
from django.urls import reverse

from marketplace.stock.services import change_stock, set_low_stock_threshold
from tests.factories import ProductFactory, place_order
from tests.workshop.conftest import count_queries

pytestmark = pytest.mark.django_db


def add_rows(artisan, owner, rival_product, start):
    """Three more of everything: products, stock changes, low alerts, orders."""
    for number in range(start, start + 3):
        product = ProductFactory(artisan=artisan, stock__num_in_stock=4)
        record = product.stockrecords.get()
        set_low_stock_threshold(stockrecord_id=record.pk, actor=owner, threshold=3)
        change_stock(
            stockrecord_id=record.pk, actor=owner, reason="correction", set_to=2, note=str(number)
        )
        place_order((product, 1), (rival_product, 1), number=str(300000 + number))


@pytest.fixture
def rival_stock(rival):
    return ProductFactory(artisan=rival, stock__num_in_stock=100)


@pytest.mark.parametrize(
    ("url_name", "bound"),
    [
        ("dashboard:workshop-index", 13),
        ("dashboard:workshop-stock", 12),
        ("dashboard:workshop-product-list", 12),
        ("dashboard:workshop-order-list", 12),
    ],
)
def test_list_pages_do_not_grow_with_their_rows(
    owner_client, artisan, owner, rival_stock, url_name, bound, django_assert_max_num_queries
):
    url = reverse(url_name)
    add_rows(artisan, owner, rival_stock, 0)
    few = count_queries(owner_client, url)
    add_rows(artisan, owner, rival_stock, 3)
    many = count_queries(owner_client, url)
    assert few == many
    with django_assert_max_num_queries(bound):
        owner_client.get(url)


def test_the_ledger_page_does_not_grow_with_its_entries(
    owner_client, own_product, owner, django_assert_max_num_queries
):
    record = own_product.stockrecords.get()
    url = reverse("dashboard:workshop-stock-detail", kwargs={"pk": record.pk})
    for _ in range(2):
        change_stock(stockrecord_id=record.pk, actor=owner, reason="produced", change=1)
    few = count_queries(owner_client, url)
    for _ in range(6):
        change_stock(stockrecord_id=record.pk, actor=owner, reason="produced", change=1)
    assert count_queries(owner_client, url) == few
    with django_assert_max_num_queries(12):
        owner_client.get(url)
