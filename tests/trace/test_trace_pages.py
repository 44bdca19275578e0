"""Public trace pages: what a phone shows after scanning a hang-tag, and a friendly 404."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from catalogue_ext.models import Certificate, ProductMaker
from tests.factories import (
    ArtisanFactory,
    CentreFactory,
    CertificateFactory,
    MotifFactory,
    ProductFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def piece():
    centre = CentreFactory(
        name="Sentra IKM Batik Maja Barama Wastra",
        slug="maja-barama-wastra",
        city="Kota Mojokerto",
        street_address="Jalan Kedungsari",
        latitude=Decimal("-7.472100"),
        longitude=Decimal("112.434800"),
        description="Sentra batik Kota Mojokerto.",
        description_en="Mojokerto's batik centre.",
    )
    drawer = ArtisanFactory(name="Ibu Sri Wahyuni", centre=centre, workshop_name="Batik Sri")
    dyer = ArtisanFactory(name="Pak Joko", centre=centre)
    motif = MotifFactory(
        name="Surya Majapahit",
        hki_number="EC00202312345",
        story="Lambang matahari Majapahit.",
        story_en="The sun emblem of Majapahit.",
    )
    product = ProductFactory(
        title="Kain Surya Majapahit",
        artisan=drawer,
        motif=motif,
        technique="tulis",
        dye="alam",
        made_on=date(2025, 8, 17),
        description="Kain tulis pewarna alam.",
        description_en="Hand-drawn, natural dye.",
    )
    ProductMaker.objects.create(product=product, artisan=drawer, role="pembatik")
    ProductMaker.objects.create(product=product, artisan=dyer, role="pewarna")
    certificate = CertificateFactory(
        kind="batikmark",
        technique="tulis",
        number="BM-2025-001",
        tkdn_percent=None,
        issuer="BBSPJIKB Yogyakarta",
        artisan=drawer,
        products=[product],
    )
    Certificate.objects.filter(pk=certificate.pk).update(verified_at=timezone.now())
    return product


def _page(client, product, language="id"):
    client.cookies["django_language"] = language
    response = client.get(reverse("trace:detail", kwargs={"code": product.trace_code}))
    assert response.status_code == 200
    return response.content.decode()


def test_trace_page_names_makers_centre_technique_and_motif(client, piece):
    html = _page(client, piece)
    assert '<h1 class="h2 trace-title">Kain Surya Majapahit</h1>' in html
    assert (
        f'href="{piece.artisan.get_absolute_url()}" class="provenance-artisan">Ibu Sri Wahyuni</a>'
        in html
    )
    assert '<li data-role="pembatik"><span class="maker-role">Pembatik</span>' in html
    assert '<li data-role="pewarna"><span class="maker-role">Pewarna</span>: <a' in html
    assert ">Pak Joko</a>" in html
    assert 'class="provenance-centre">Sentra IKM Batik Maja Barama Wastra</a>' in html
    assert "Jalan Kedungsari, Kota Mojokerto, Jawa Timur" in html
    assert "https://www.openstreetmap.org/?mlat=-7.472100&amp;mlon=112.434800" in html
    assert "SNI 8302" in html
    assert "Lambang matahari Majapahit." in html
    assert "HKI EC00202312345" in html
    assert f'src="/t/{piece.trace_code}/qr.svg"' in html
    assert f'href="{piece.get_absolute_url()}" class="btn btn-primary trace-shop-link"' in html


def test_trace_page_shows_certificate_status(client, piece):
    html = _page(client, piece, "en")
    assert 'data-kind="batikmark" data-status="verified"' in html
    assert "BM-2025-001" in html
    assert "Verified by the marketplace" in html
    assert "Batik tulis (hand-drawn), gold label" in html


def test_trace_page_speaks_english_with_english_content(client, piece):
    html = _page(client, piece, "en")
    assert "Who made it, and where" in html
    assert "The sun emblem of Majapahit." in html
    assert "Mojokerto&#x27;s batik centre." in html
    assert "Drawer (pembatik)" in html
    assert "Drawn by hand: the maker traces the pattern" in html


def test_trace_page_speaks_indonesian_by_default(client, piece):
    html = _page(client, piece)
    assert "Siapa membuatnya, dan di mana" in html
    assert "Digambar tangan: pembatik menorehkan pola" in html
    assert "Sentra batik Kota Mojokerto." in html


def test_printed_motif_cloth_is_labelled_not_batik_on_its_trace_page(client):
    product = ProductFactory(technique="printed")
    html = _page(client, product, "en")
    assert "Printed batik motif (not batik): this piece is not batik" in html
    assert 'class="badge badge-technique">Batik</span>' not in html


def test_lowercase_code_redirects_to_the_canonical_address(client, piece):
    response = client.get(f"/t/{piece.trace_code.lower()}/")
    assert response.status_code == 301
    assert response["Location"] == f"/t/{piece.trace_code}/"


@pytest.mark.parametrize("code", ["ZZZZ2222", "nope", "A" * 16])
def test_unknown_code_gets_a_friendly_404(client, code):
    response = client.get(f"/t/{code}/", follow=True)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Produk ini tidak dapat kami temukan" in html
    assert 'name="code"' in html  # a form to type the code again


def test_hidden_piece_keeps_its_trace_page_without_a_shop_link(client):
    product = ProductFactory(is_public=False)
    html = _page(client, product, "en")
    assert "This piece is not offered in the online shop." in html
    assert "trace-shop-link" not in html


def test_piece_without_a_known_maker_has_no_trace_page(client):
    product = ProductFactory(is_public=False, artisan=None, stock=False, category=None)
    assert client.get(f"/t/{product.trace_code}/").status_code == 404


def test_lookup_form_leads_to_the_trace_page(client, piece):
    response = client.get(reverse("trace:lookup"), {"code": f" {piece.trace_code.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == f"/t/{piece.trace_code}/"


def test_product_page_links_to_its_trace_page(client, piece):
    html = client.get(piece.get_absolute_url()).content.decode()
    assert f'href="/t/{piece.trace_code}/" class="trace-page-link"' in html
    assert 'data-status="verified"' in html


def test_trace_page_query_count_does_not_grow_with_makers_and_certificates(
    client, piece, django_assert_num_queries
):
    _page(client, piece)  # warm caches
    # The product, its makers, certificates, images and categories; the menu's
    # category tree (2).
    with django_assert_num_queries(7):
        _page(client, piece)
    for _ in range(5):
        ProductMaker.objects.create(product=piece, artisan=ArtisanFactory(), role="penjahit")
        CertificateFactory(artisan=piece.artisan, products=[piece])
    with django_assert_num_queries(7):
        html = _page(client, piece)
    assert html.count('data-role="penjahit"') == 5
