"""Fixtures for the workshop: an artisan login, a rival artisan and their pieces."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from tests.factories import ArtisanFactory, ProductFactory, artisan_user, place_order
from tests.i18n import english, english_client, indonesian_client  # noqa: F401

StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def owner(artisan):
    return artisan_user(
        artisan, username="artisan.sri@demo.batik.example", email="artisan.sri@demo.batik.example"
    )


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def rival(db):
    return ArtisanFactory(name="Pak Rival")


@pytest.fixture
def rival_product(rival):
    return ProductFactory(title="Kain Rival", artisan=rival)


@pytest.fixture
def own_product(artisan):
    return ProductFactory(title="Kain Surya Majapahit", artisan=artisan)


@pytest.fixture
def mixed_order(own_product, rival_product):
    """One order with a line of each artisan (2 of ours, 1 of the rival's)."""
    return place_order(
        (own_product, 2), (rival_product, 1), number="100001", guest_email="siti@example.com"
    )


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


__all__ = ["StockRecord", "count_queries"]
