"""Renditions: made once at upload, served by list and product pages without image work."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.media.renditions import MEDIUM, THUMB, rendition_name, rendition_names
from tests.factories import ProductFactory, ProductImageFactory
from tests.media.samples import has_gps, image_of, phone_photo, plain_image
from tests.storefront.test_catalogue_list import CATALOGUE_PAGE_QUERIES, FACET_QUERIES

pytestmark = pytest.mark.django_db


def _stored(name: str):
    with default_storage.open(name, "rb") as stored:
        return image_of(stored.read())


def test_an_upload_stores_every_rendition_at_its_size_in_both_formats():
    image = ProductImageFactory(original=ContentFile(phone_photo((1600, 1200)), name="kain.jpg"))
    name = image.original.name

    stored = {n: _stored(n) for n in rendition_names(name)}
    assert [(s.format, s.size) for s in stored.values()] == [
        ("JPEG", (300, 300)),
        ("WEBP", (300, 300)),
        ("JPEG", (600, 800)),  # upright: the phone photo was turned
        ("WEBP", (600, 800)),
    ]
    assert not any(has_gps(s) for s in stored.values())


def test_small_images_are_never_upscaled():
    image = ProductImageFactory(original=ContentFile(plain_image((200, 100), "JPEG"), name="s.jpg"))
    name = image.original.name
    assert _stored(rendition_name(name, THUMB, "JPEG")).size == (100, 100)
    assert _stored(rendition_name(name, MEDIUM, "WEBP")).size == (200, 100)


def test_png_renditions_stay_png_and_keep_transparency():
    source = plain_image((400, 400), "PNG", mode="RGBA", color=(0, 128, 0, 0))
    image = ProductImageFactory(original=ContentFile(source, name="motif.png"))
    thumb = _stored(rendition_name(image.original.name, THUMB, "PNG"))
    assert (thumb.format, thumb.mode, thumb.getpixel((10, 10))[3]) == ("PNG", "RGBA", 0)
    assert _stored(rendition_name(image.original.name, THUMB, "WEBP")).getpixel((10, 10))[3] == 0


def test_the_same_upload_name_never_reuses_a_stored_name():
    first = ProductImageFactory(original=ContentFile(plain_image(), name="IMG_1.png"))
    second = ProductImageFactory(original=ContentFile(plain_image(), name="IMG_1.png"))
    assert first.original.name != second.original.name
    assert re.fullmatch(r"images/products/\d{4}/\d{2}/IMG_1-[0-9a-f]{8}\.png", first.original.name)


def test_deleting_an_image_removes_its_renditions_and_original():
    image = ProductImageFactory()
    names = [image.original.name, *rendition_names(image.original.name)]
    assert all(default_storage.exists(n) for n in names)
    image.delete()
    assert [n for n in names if default_storage.exists(n)] == []


def _card_images(html: str) -> list[tuple[str, str]]:
    return re.findall(
        r'<picture>\s*<source type="image/webp" srcset="([^"]+)">\s*<img src="([^"]+)"', html
    )


def test_catalogue_list_serves_the_small_renditions_and_does_no_image_work(client, image_work):
    images = [ProductImageFactory() for _ in range(3)]
    image_work.clear()

    first = client.get(reverse("catalogue:index")).content.decode()
    second = client.get(reverse("catalogue:index")).content.decode()

    assert image_work == {}  # no Pillow open, no storage write, on either render
    expected = {
        (
            default_storage.url(rendition_name(i.original.name, THUMB, "WEBP")),
            default_storage.url(rendition_name(i.original.name, THUMB, "JPEG")),
        )
        for i in images
    }
    assert set(_card_images(first)) == expected
    assert _card_images(second) == _card_images(first)


@pytest.mark.parametrize("products", [1, 12])
def test_catalogue_list_with_photos_keeps_its_query_count(client, products):
    ProductImageFactory()
    client.get(reverse("catalogue:index"))  # warm per-process caches
    for _ in range(products):
        ProductImageFactory()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("catalogue:index"))
    assert response.status_code == 200
    # New products: the facet counts are counted afresh on this first page.
    assert len(queries) == CATALOGUE_PAGE_QUERIES + FACET_QUERIES


def test_product_page_shows_the_medium_rendition(client, image_work):
    image = ProductImageFactory()
    image_work.clear()
    html = client.get(image.product.get_absolute_url()).content.decode()
    webp = default_storage.url(rendition_name(image.original.name, MEDIUM, "WEBP"))
    jpeg = default_storage.url(rendition_name(image.original.name, MEDIUM, "JPEG"))
    assert (webp, jpeg) in _card_images(html)
    assert image_work == {}


def test_a_product_without_photos_shows_the_placeholder(client):
    ProductFactory()
    html = client.get(reverse("catalogue:index")).content.decode()
    assert '<img src="/static/oscar/img/image_not_found.jpg"' in html
    assert 'type="image/webp"' not in html


def test_build_renditions_makes_missing_ones_and_skips_the_rest():
    image = ProductImageFactory()
    missing = rendition_names(image.original.name)
    for name in missing:
        default_storage.delete(name)
    ProductImageFactory()  # complete already

    out = io.StringIO()
    call_command("build_renditions", stdout=out)

    assert all(default_storage.exists(n) for n in missing)
    assert out.getvalue() == "renditions made for 1 images, 1 already had them, 0 failed\n"


def test_oscar_thumbnails_elsewhere_are_made_once_and_then_served_from_the_store(image_work):
    # Basket, checkout and dashboard still use Oscar's {% oscar_thumbnail %} (sorl).
    image = ProductImageFactory()
    template = Template(
        '{% load image_tags %}{% oscar_thumbnail original "100x100" as t %}{{ t.url }}'
    )
    image_work.clear()
    first_url = template.render(Context({"original": image.original}))
    made = dict(image_work)
    image_work.clear()
    second_url = template.render(Context({"original": image.original}))

    assert made == {"open": 1, "save": 1}
    assert image_work == {}
    assert second_url == first_url
    assert first_url.startswith("/media/cache/")
