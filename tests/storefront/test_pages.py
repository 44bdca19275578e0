"""Public pages: home, centre directory, centre and artisan pages, product page."""

import pytest
from django.urls import reverse

from tests.factories import ArtisanFactory, CentreFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_product_page_names_its_artisan_centre_and_technique(client):
    product = ProductFactory(title="Kain Mrico Bolong", technique="tulis")
    html = client.get(product.get_absolute_url()).content.decode()
    assert f'href="{product.artisan.get_absolute_url()}"' in html
    assert f'href="{product.centre.get_absolute_url()}"' in html
    assert "SNI 8302" in html


def test_printed_motif_cloth_is_labelled_not_batik_on_its_page(client):
    product = ProductFactory(technique="printed")
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'class="alert alert-warning not-batik-label"' in html


def test_centre_page_counts_only_public_products(client):
    centre = CentreFactory(name="Sentra Batik Giriloyo")
    artisan = ArtisanFactory(centre=centre)
    ProductFactory.create_batch(2, artisan=artisan)
    ProductFactory(artisan=artisan, is_public=False)
    response = client.get(centre.get_absolute_url())
    assert response.context["centre"].product_count == 2
    assert response.context["centre"].artisan_count == 1
    assert len(response.context["products"]) == 2


def test_artisan_page_lists_their_products_only(client):
    artisan = ArtisanFactory()
    mine = ProductFactory(artisan=artisan)
    ProductFactory()
    response = client.get(artisan.get_absolute_url())
    assert [p.pk for p in response.context["products"]] == [mine.pk]


def test_unknown_centre_is_404(client):
    assert (
        client.get(reverse("storefront:centre-detail", args=["no-such-centre"])).status_code == 404
    )


@pytest.mark.parametrize("url_name", ["storefront:home", "storefront:centre-list"])
def test_list_pages_make_the_same_number_of_queries_for_more_rows(
    client, django_assert_max_num_queries, url_name
):
    for _ in range(2):
        ProductFactory(artisan=ArtisanFactory(centre=CentreFactory()))
    client.get(reverse(url_name))
    with django_assert_max_num_queries(14):
        client.get(reverse(url_name))
    for _ in range(8):
        ProductFactory(artisan=ArtisanFactory(centre=CentreFactory()))
    with django_assert_max_num_queries(14):
        assert client.get(reverse(url_name)).status_code == 200


def test_language_switch_remembers_english(client):
    centre = CentreFactory(
        description="Sentra batik di Mojokerto.", description_en="A batik centre in Mojokerto."
    )
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(centre.get_absolute_url()).content.decode()
    assert "A batik centre in Mojokerto." in html
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    html = client.get(centre.get_absolute_url()).content.decode()
    assert "Sentra batik di Mojokerto." in html
