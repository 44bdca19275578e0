"""Public pages: home, centre directory, centre and artisan pages, product page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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


def test_centre_page_tells_its_story_facilities_motifs_and_counts(client):
    from tests.factories import MotifFactory

    centre = CentreFactory(
        name="Sentra IKM Batik Maja Barama Wastra",
        slug="maja-barama-wastra",
        description="Sentra batik milik Kota Mojokerto.",
        description_en="Mojokerto city's batik centre.",
        facilities="Galeri\nRuang tulis\nIPAL",
    )
    artisan = ArtisanFactory(centre=centre)
    ArtisanFactory(centre=centre)
    MotifFactory(centre=centre, name="Surya Majapahit", story="Lambang matahari.")
    MotifFactory(centre=centre, name="Mrico Bolong")
    ProductFactory.create_batch(2, artisan=artisan, technique="tulis")
    ProductFactory(artisan=artisan, technique="cap")
    ProductFactory(artisan=artisan, technique="cap", is_public=False)

    response = client.get(centre.get_absolute_url())
    html = response.content.decode()
    assert "Sentra batik milik Kota Mojokerto." in html
    assert (
        '<ul class="centre-facilities"><li>Galeri</li><li>Ruang tulis</li><li>IPAL</li></ul>'
        in html
    )
    assert '<dd class="centre-artisan-count">2</dd>' in html
    assert '<dd class="centre-product-count">3</dd>' in html
    assert '<dd class="centre-motif-count">2</dd>' in html
    assert [(value, count) for value, _, count in response.context["technique_counts"]] == [
        ("tulis", 2),
        ("cap", 1),
    ]
    assert "Lambang matahari." in html
    assert 'href="/catalogue/?centre=maja-barama-wastra"' in html


def test_centre_page_in_english(client):
    centre = CentreFactory(description="Sentra batik.", description_en="A batik centre.")
    client.cookies["django_language"] = "en"
    html = client.get(centre.get_absolute_url()).content.decode()
    assert "A batik centre." in html
    assert '<h2 class="h4">Story</h2>' in html


def test_centre_directory_filters_by_province(client):
    CentreFactory(name="Laweyan", province="Jawa Tengah")
    CentreFactory(name="Maja Barama Wastra", province="Jawa Timur")
    response = client.get(reverse("storefront:centre-list"), {"province": "Jawa Tengah"})
    assert [c.name for c in response.context["centres"]] == ["Laweyan"]
    assert {row["province"]: row["n"] for row in response.context["provinces"]} == {
        "Jawa Tengah": 1,
        "Jawa Timur": 1,
    }


def test_artisan_page_shows_bio_techniques_and_certificate_status(client):
    from tests.factories import CertificateFactory

    artisan = ArtisanFactory(
        bio="Membatik sejak 1998.", bio_en="Drawing batik since 1998.", techniques=["tulis", "cap"]
    )
    ProductFactory(artisan=artisan)
    CertificateFactory(
        artisan=artisan, kind="batikmark", technique="tulis", number="BM-5", tkdn_percent=None
    )
    client.cookies["django_language"] = "en"
    html = client.get(artisan.get_absolute_url()).content.decode()
    assert "Drawing batik since 1998." in html
    assert (
        '<dd class="artisan-techniques">Batik tulis (hand-drawn), Batik cap (stamped)</dd>' in html
    )
    assert '<dd class="artisan-product-count">1</dd>' in html
    assert 'data-kind="batikmark" data-status="unverified">BM-5' in html


def test_centre_and_artisan_pages_make_the_same_number_of_queries_for_more_rows(
    client, django_assert_num_queries
):
    from tests.factories import CertificateFactory, MotifFactory

    centre = CentreFactory()
    artisan = ArtisanFactory(centre=centre)
    # One of each from the start: an empty list skips its prefetch query.
    CertificateFactory(artisan=artisan, products=[ProductFactory(artisan=artisan)])
    MotifFactory(centre=centre)
    urls = [centre.get_absolute_url(), artisan.get_absolute_url()]
    counts = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        counts[url] = len(ctx.captured_queries)
    for _ in range(6):
        other = ArtisanFactory(centre=centre)
        ProductFactory(artisan=other)
        ProductFactory(artisan=artisan)
        MotifFactory(centre=centre)
        CertificateFactory(artisan=artisan, products=[ProductFactory(artisan=artisan)])
    for url in urls:
        with django_assert_num_queries(counts[url]):
            assert client.get(url).status_code == 200
