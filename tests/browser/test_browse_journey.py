"""A shopper browses: home → a category → a product page naming artisan and centre."""

import pytest

from tests.factories import ArtisanFactory, CentreFactory, ProductFactory, kind_category

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_shopper_finds_who_made_a_piece_from_the_home_page(live_server, page):
    centre = CentreFactory(name="Sentra IKM Batik Maja Barama Wastra", slug="maja-barama-wastra")
    artisan = ArtisanFactory(name="Ibu Sri Wahyuni", centre=centre)
    ProductFactory(title="Tas Surya Majapahit", artisan=artisan, category=kind_category("tas"))
    ProductFactory(title="Kain Parang Rusak")

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Semua produk").first.click()
    page.wait_for_url("**/catalogue/")
    page.locator('[data-facet="category"]').get_by_text("Tas", exact=True).click()
    page.wait_for_url("**/catalogue/?category=tas")
    assert page.locator(".product_pod h3").all_inner_texts() == ["Tas Surya Majapahit"]

    page.get_by_role("link", name="Tas Surya Majapahit").first.click()
    provenance = page.locator("#provenance")
    assert provenance.locator(".provenance-artisan").inner_text() == "Ibu Sri Wahyuni"
    assert provenance.locator(".provenance-centre").inner_text() == (
        "Sentra IKM Batik Maja Barama Wastra"
    )

    provenance.locator(".provenance-centre").click()
    page.wait_for_url("**/sentra/maja-barama-wastra/")
    assert page.locator("h1").inner_text() == "Sentra IKM Batik Maja Barama Wastra"
