"""What a real browser loads: the WebP renditions, small on lists, medium on pages."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.factories import ProductImageFactory
from tests.media.samples import phone_photo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOADED = "img => img.complete && img.naturalWidth > 0"


def _shown(page, selector: str) -> tuple[str, list[int]]:
    image = page.locator(selector).first
    image.scroll_into_view_if_needed()  # list images load lazily
    page.wait_for_function(LOADED, arg=image.element_handle())
    return (
        image.evaluate("img => img.currentSrc").rsplit("/", 1)[-1],
        image.evaluate("img => [img.naturalWidth, img.naturalHeight]"),
    )


def test_chromium_picks_the_webp_thumbnail_and_the_medium_photo(live_server, page):
    image = ProductImageFactory(original=ContentFile(phone_photo((1200, 900)), name="kain.jpg"))

    page.goto(live_server.url + reverse("catalogue:index"))
    card = f'.product_pod[data-product-id="{image.product.pk}"] img'
    assert _shown(page, card) == ("thumb-300x300c.webp", [300, 300])

    page.goto(live_server.url + image.product.get_absolute_url())
    assert _shown(page, "#product_gallery img") == ("medium-800x800.webp", [600, 800])
