"""Journeys a person clicks through: trace a piece, narrow the catalogue, print tags."""

import re

import pytest
import zxingcpp
from django.conf import settings
from django.test import Client
from PIL import Image

from catalogue_ext.models import ProductMaker
from tests.factories import ArtisanFactory, ProductFactory, artisan_user
from tests.known_catalogue import build_known_catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch_language(page, code: str):
    page.locator(f'.language-switch button[value="{code}"]').click()
    page.wait_for_selector(f'html[lang="{code}"]')


def test_shopper_follows_a_product_to_its_trace_page_and_scans_its_qr(live_server, page, tmp_path):
    known = build_known_catalogue()
    product = known["products"]["surya_tulis"]
    ProductMaker.objects.create(product=product, artisan=product.artisan, role="pembatik")

    page.goto(live_server.url + product.get_absolute_url())
    page.get_by_role("link", name="Buka halaman telusur").click()
    page.wait_for_url(f"**/t/{product.trace_code}/")

    provenance = page.locator("#provenance")
    assert provenance.locator(".provenance-artisan").inner_text() == "Ibu Sri Wahyuni"
    assert provenance.locator(".provenance-centre").inner_text() == (
        "Sentra IKM Batik Maja Barama Wastra"
    )
    assert provenance.locator('[data-role="pembatik"] .maker-role').inner_text() == "Pembatik"

    # The SVG QR code, as the browser draws it, decodes to this very page.
    page.locator("#trace-qr").screenshot(path=str(tmp_path / "qr.png"))
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(tmp_path / "qr.png"))]
    assert decoded == [page.url]

    _switch_language(page, "en")
    assert page.locator("#provenance-title").inner_text() == "Who made it, and where"
    page.get_by_role("link", name="See this piece in the shop").click()
    page.wait_for_url(f"**{product.get_absolute_url()}")


# (technique, dye, language switch) labels as a shopper reads them
FACET_LABELS = {
    "id": ("Batik tulis", "Pewarna alam", "Teknik"),
    "en": ("Batik tulis (hand-drawn)", "Natural dye (pewarna alam)", "Technique"),
}


@pytest.mark.parametrize("language", ["id", "en"])
def test_shopper_narrows_to_batik_tulis_natural_dye_from_mojokerto(live_server, page, language):
    build_known_catalogue()
    technique, dye, technique_title = FACET_LABELS[language]

    page.goto(live_server.url + "/catalogue/")
    if language == "en":
        _switch_language(page, "en")
    assert page.locator('[data-facet="technique"] h2').inner_text() == technique_title
    assert page.locator(".product_pod").count() == 9

    page.locator('[data-facet="technique"]').get_by_text(technique, exact=True).click()
    page.wait_for_url(re.compile(r"technique=tulis"))
    page.locator('[data-facet="dye"]').get_by_text(dye, exact=True).click()
    page.wait_for_url(re.compile(r"dye=alam"))
    page.locator('[data-facet="centre"]').get_by_text(
        "Sentra IKM Batik Maja Barama Wastra", exact=True
    ).click()
    page.wait_for_url(re.compile(r"centre=maja-barama-wastra"))

    titles = sorted(page.locator(".product_pod h3").all_inner_texts())
    assert titles == ["Kain Surya Majapahit tulis", "Selendang Mrico Bolong"]
    assert (
        page.locator('[data-facet="centre"] .facet-option.selected .facet-count').inner_text()
        == "2"
    )
    # The narrowed catalogue is a URL: opening it again gives the same pieces.
    page.goto(page.url)
    assert sorted(page.locator(".product_pod h3").all_inner_texts()) == titles


def test_artisan_prints_an_a4_hang_tag_sheet(live_server, page):
    artisan = ArtisanFactory(name="Ibu Sri Wahyuni")
    products = [ProductFactory(artisan=artisan, title=f"Kain {i}") for i in range(9)]
    ProductFactory(title="Not hers")
    client = Client()
    client.force_login(artisan_user(artisan))
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )

    page.goto(live_server.url + "/trace/tags/")
    assert page.locator(".tag-choice").count() == 9
    page.locator("#tags-all").check()
    with page.context.expect_page() as sheet_info:
        page.locator("#tags-form button[type=submit]").click()
    sheet = sheet_info.value
    sheet.wait_for_load_state()
    assert sheet.locator("article.tag").count() == 9
    assert sorted(sheet.locator(".tag-code strong").all_inner_texts()) == sorted(
        p.trace_code for p in products
    )

    pdf = sheet.pdf(prefer_css_page_size=True, print_background=True)
    page_boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    # Two A4 pages (595 × 842 pt): eight tags on the first, one on the second.
    assert [(round(float(w)), round(float(h))) for w, h in page_boxes] == [(595, 842), (595, 842)]
