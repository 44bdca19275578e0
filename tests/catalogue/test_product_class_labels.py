"""Product classes are named in the reader's language: stored Indonesian, labelled English."""

import pytest
from django.utils import translation
from oscar.core.loading import get_model

from catalogue_ext.structure import product_class_label
from tests.factories import ProductFactory

ProductClass = get_model("catalogue", "ProductClass")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "slug", "expected"),
    [
        ("en", "kain-batik", "Batik cloth"),
        ("id", "kain-batik", "Kain batik"),
        ("en", "busana", "Clothing"),
        ("id", "busana", "Busana"),
        ("en", "dekorasi-rumah", "Home decor"),
        ("id", "dekorasi-rumah", "Dekorasi rumah"),
    ],
)
def test_product_page_names_the_product_type_in_the_active_language(
    client, language, slug, expected
):
    product = ProductFactory(product_class=ProductClass.objects.get(slug=slug))
    client.cookies["django_language"] = language
    html = client.get(product.get_absolute_url()).content.decode()
    header = {"en": "Product Type", "id": "Tipe produk"}[language]
    assert f'<th>{header}</th><td id="product-type">{expected}</td>' in html


@pytest.mark.parametrize(("language", "expected"), [("en", "Shoes"), ("id", "Sepatu")])
def test_fixed_class_label_follows_the_language(language, expected):
    with translation.override(language):
        assert product_class_label(ProductClass.objects.get(slug="sepatu")) == expected


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_class_added_later_shows_its_stored_name(language):
    added = ProductClass.objects.create(name="Kerajinan kayu", slug="kerajinan-kayu")
    with translation.override(language):
        assert product_class_label(added) == "Kerajinan kayu"
