"""Cached product cards never show a stale price, or a sold-out piece as available.

Each test runs with the local-memory cache and again with Redis (skipped, with the
reason, when no Redis answers). Changes are made the way that bypasses model signals
(``QuerySet.update``), as a checkout that allocates stock with a conditional UPDATE
would: the card must still be redrawn.
"""

import re
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.urls import reverse
from oscar.core.loading import get_class, get_model
from oscar.templatetags.currency_filters import currency

from catalogue_ext.cards import card_key
from catalogue_ext.selectors import browsable_products
from marketplace.centres.models import Artisan
from tests.factories import ProductFactory

Selector = get_class("partner.strategy", "Selector")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["locmem", "redis"])
def card_cache(request, settings):
    if request.param == "redis":
        return request.getfixturevalue("redis_cache")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"cards-{request.node.name}",
        }
    }
    return caches["default"]


def card_html(client, product) -> str:
    """The product's card on the catalogue page."""
    html = client.get(reverse("catalogue:index")).content.decode()
    match = re.search(
        rf'<article class="product_pod" data-product-id="{product.pk}">(.*?)</article>',
        html,
        re.DOTALL,
    )
    assert match, "the product is not on the catalogue page"
    return match.group(1)


def price_text(amount: str) -> str:
    return currency(Decimal(amount), "IDR")


def cached_card_key(product, language: str = "id") -> str:
    """The cache key of ``product``'s card as the catalogue page draws it now."""
    strategy = Selector().strategy()
    listed = browsable_products().get(pk=product.pk)
    return make_template_fragment_key("product_card", [card_key(listed, strategy, language)])


def test_an_unchanged_card_is_served_from_the_cache(client, card_cache):
    product = ProductFactory()
    card_html(client, product)
    key = cached_card_key(product)
    assert card_cache.get(key) is not None
    # Tamper with the cached fragment: an unchanged product is drawn from it.
    card_cache.set(key, "<p>FROM THE CACHE</p>")
    assert "FROM THE CACHE" in card_html(client, product)
    # A sale changes the key: the tampered entry is never shown again.
    StockRecord.objects.filter(product=product).update(num_allocated=1)
    assert "FROM THE CACHE" not in card_html(client, product)


@pytest.mark.parametrize("how", ["save", "update"])
def test_a_new_price_shows_on_the_next_render(client, card_cache, how):
    product = ProductFactory(stock__price=Decimal("250000"))
    assert price_text("250000") in card_html(client, product)

    record = product.stockrecords.get()
    if how == "save":
        record.price = Decimal("275000")
        record.save()
    else:
        StockRecord.objects.filter(pk=record.pk).update(price=Decimal("275000"))

    card = card_html(client, product)
    assert price_text("275000") in card
    assert price_text("250000") not in card


def test_a_sold_out_piece_is_never_shown_as_available(client, card_cache):
    product = ProductFactory(stock__num_in_stock=1)
    card = card_html(client, product)
    assert 'class="instock availability"' in card
    assert f'action="{reverse("basket:add", kwargs={"pk": product.pk})}"' in card

    # The last piece is allocated to an order (as a conditional UPDATE would do it).
    StockRecord.objects.filter(product=product).update(num_allocated=1)

    card = card_html(client, product)
    assert 'class="outofstock availability"' in card
    assert 'class="instock availability"' not in card
    assert f'action="{reverse("basket:add", kwargs={"pk": product.pk})}"' not in card


def test_a_restocked_piece_is_shown_available_again(client, card_cache):
    product = ProductFactory(stock__num_in_stock=0)
    assert 'class="outofstock availability"' in card_html(client, product)
    StockRecord.objects.filter(product=product).update(num_in_stock=2)
    assert 'class="instock availability"' in card_html(client, product)


def test_a_renamed_artisan_shows_on_the_next_render(client, card_cache):
    product = ProductFactory(artisan__name="Ibu Sulastri")
    assert "Ibu Sulastri" in card_html(client, product)
    Artisan.objects.filter(pk=product.artisan_id).update(name="Ibu Sulastri Wibowo")
    assert "Ibu Sulastri Wibowo" in card_html(client, product)


def test_cards_are_cached_per_language(client, card_cache):
    product = ProductFactory()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = card_html(client, product)
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    indonesian = card_html(client, product)
    assert "In stock" in english
    assert "Dalam stok" in indonesian
    assert "In stock" not in indonesian
