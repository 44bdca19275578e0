"""The trace record as JSON, and QR codes that decode to the trace URL."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
import zxingcpp
from django.urls import reverse
from django.utils import timezone
from PIL import Image

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
        district="Magersari",
        village="Gunung Gedangan",
        street_address="Jalan Kedungsari",
        latitude=Decimal("-7.472100"),
        longitude=Decimal("112.434800"),
    )
    artisan = ArtisanFactory(
        name="Ibu Sri Wahyuni", slug="sri-wahyuni", centre=centre, workshop_name="Batik Sri"
    )
    motif = MotifFactory(
        name="Surya Majapahit",
        region="Mojokerto",
        hki_number="EC001",
        story="Lambang matahari.",
        story_en="",
    )
    product = ProductFactory(
        title="Kain Surya Majapahit",
        artisan=artisan,
        motif=motif,
        technique="tulis",
        dye="alam",
        fabric="primissima",
        made_on=date(2025, 8, 17),
        hs_code="6208.92",
        description="Kain tulis.",
        description_en="Hand-drawn cloth.",
        length_cm=Decimal("200.0"),
        width_cm=Decimal("110.0"),
        net_weight_grams=300,
        gross_weight_grams=350,
    )
    ProductMaker.objects.create(product=product, artisan=artisan, role="pembatik")
    tkdn = CertificateFactory(
        number="TKDN-7",
        artisan=artisan,
        products=[product],
        tkdn_percent=Decimal("45.50"),
        bmp_percent=Decimal("5.00"),
        issued_on=date(2025, 3, 1),
        expires_on=date(2099, 3, 1),
    )
    Certificate.objects.filter(pk=tkdn.pk).update(verified_at=timezone.now())
    return product


def test_json_record_carries_the_provenance(client, piece):
    code = piece.trace_code
    response = client.get(reverse("trace:json", kwargs={"code": code}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    record = json.loads(response.content)
    base = "http://testserver"
    assert record["schema"] == "batik-nusantara/trace-record"
    assert record["schema_version"] == 1
    assert record["id"] == f"{base}/t/{code}/"
    assert record["trace_code"] == code
    assert record["granularity"] == "item"
    assert record["product"] == {
        "name": "Kain Surya Majapahit",
        "description": {"id": "Kain tulis.", "en": "Hand-drawn cloth."},
        "categories": [{"slug": "kain-batik", "name": {"id": "Kain Batik", "en": "Batik cloth"}}],
        "url": f"{base}{piece.get_absolute_url()}",
        "image": None,
        "hs_code": "6208.92",
        "production_date": "2025-08-17",
        "country_of_production": "ID",
        "dimensions": {
            "length_cm": 200.0,
            "width_cm": 110.0,
            "height_cm": None,
            "net_weight_g": 300,
            "gross_weight_g": 350,
        },
    }
    assert record["process"]["technique"]["code"] == "tulis"
    assert record["process"]["technique"]["label"] == {
        "id": "Batik tulis",
        "en": "Batik tulis (hand-drawn)",
    }
    assert record["process"]["technique"]["is_batik"] is True
    assert record["process"]["technique"]["standard"] == "SNI 8302"
    assert record["process"]["dye"] == {
        "code": "alam",
        "label": {"id": "Pewarna alam", "en": "Natural dye (pewarna alam)"},
    }
    assert record["process"]["fabric"]["code"] == "primissima"
    # No English story: both languages fall back to the Indonesian one.
    assert record["process"]["motif"] == {
        "name": "Surya Majapahit",
        "region": "Mojokerto",
        "hki_number": "EC001",
        "story": {"id": "Lambang matahari.", "en": "Lambang matahari."},
    }
    assert record["seller"] == {
        "name": "Ibu Sri Wahyuni",
        "workshop": "Batik Sri",
        "url": f"{base}/pengrajin/sri-wahyuni/",
    }
    assert record["makers"] == [
        {
            "name": "Ibu Sri Wahyuni",
            "role": {"code": "pembatik", "label": {"id": "Pembatik", "en": "Drawer (pembatik)"}},
        }
    ]
    assert record["facility"] == {
        "name": "Sentra IKM Batik Maja Barama Wastra",
        "url": f"{base}/sentra/maja-barama-wastra/",
        "address": {
            "street": "Jalan Kedungsari",
            "village": "Gunung Gedangan",
            "district": "Magersari",
            "city": "Kota Mojokerto",
            "province": "Jawa Timur",
            "country": "ID",
        },
        "geo": {"latitude": -7.4721, "longitude": 112.4348},
    }
    [certificate] = record["certificates"]
    assert {k: v for k, v in certificate.items() if k not in ("label", "verified_at")} == {
        "kind": "tkdn",
        "number": "TKDN-7",
        "issuer": "Kementerian Perindustrian (SIINas)",
        "issued_on": "2025-03-01",
        "expires_on": "2099-03-01",
        "technique": None,
        "tkdn_percent": 45.5,
        "bmp_percent": 5.0,
        "status": "verified",
        "verified": True,
    }
    assert record["domestic_product"]["qualifies"] is True
    assert record["domestic_product"]["certificate_number"] == "TKDN-7"
    assert record["domestic_product"]["tkdn_percent"] == 45.5
    assert record["links"] == {
        "html": f"{base}/t/{code}/",
        "json": f"{base}/t/{code}.json",
        "qr_svg": f"{base}/t/{code}/qr.svg",
        "qr_png": f"{base}/t/{code}/qr.png",
    }


def test_json_for_unknown_code_is_a_json_404(client):
    response = client.get("/t/ZZZZ2222.json")
    assert response.status_code == 404
    assert json.loads(response.content)["error"] == "not_found"


def _decode_png(content: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(content)))]


def test_png_qr_code_decodes_to_the_trace_url(client, piece):
    response = client.get(reverse("trace:qr-png", kwargs={"code": piece.trace_code}))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert _decode_png(response.content) == [f"http://testserver/t/{piece.trace_code}/"]


def test_qr_code_uses_the_public_base_url_when_set(client, settings, piece):
    settings.PUBLIC_BASE_URL = "https://batik.example.id/"
    response = client.get(reverse("trace:qr-png", kwargs={"code": piece.trace_code}))
    assert _decode_png(response.content) == [f"https://batik.example.id/t/{piece.trace_code}/"]


def test_svg_qr_code_is_an_svg_with_the_same_matrix(client, piece):
    import segno

    response = client.get(reverse("trace:qr-svg", kwargs={"code": piece.trace_code}))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.startswith("<?xml")
    assert f"<title>http://testserver/t/{piece.trace_code}/</title>" in svg
    # The browser test renders this SVG and decodes it; here: the path is segno's.
    expected = segno.make(f"http://testserver/t/{piece.trace_code}/", error="m", micro=False)
    out = io.BytesIO()
    expected.save(
        out,
        kind="svg",
        scale=8,
        border=4,
        xmldecl=True,
        title=f"http://testserver/t/{piece.trace_code}/",
    )
    assert response.content == out.getvalue()


def test_qr_for_unknown_code_is_404(client):
    assert client.get("/t/ZZZZ2222/qr.png").status_code == 404


def test_every_traceable_piece_has_a_decodable_qr_code(client):
    products = [
        ProductFactory(technique=t) for t in ("tulis", "cap", "kombinasi", "printed", "ecoprint")
    ]
    for product in products:
        response = client.get(f"/t/{product.trace_code}/qr.png")
        assert _decode_png(response.content) == [f"http://testserver/t/{product.trace_code}/"]
        assert client.get(f"/t/{product.trace_code}/").status_code == 200
