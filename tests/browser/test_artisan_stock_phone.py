"""An artisan, on a phone, signs in and changes a stock level."""

import pytest
from oscar.core.loading import get_model

from marketplace.stock.models import StockLedgerEntry
from tests.factories import ArtisanFactory, ProductFactory, artisan_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

StockRecord = get_model("partner", "StockRecord")

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_an_artisan_adds_and_sets_stock_from_a_phone(live_server, phone):
    artisan = ArtisanFactory(name="Ibu Sri Wahyuni", workshop_name="Batik Sri")
    artisan_user(
        artisan, username="artisan.sri@demo.batik.example", email="artisan.sri@demo.batik.example"
    )
    product = ProductFactory(title="Kain Surya Majapahit", artisan=artisan, stock__num_in_stock=5)
    record = product.stockrecords.get()

    phone.goto(live_server.url + "/dashboard/")
    phone.wait_for_url("**/dashboard/login/**")
    phone.fill("#id_username", "artisan.sri@demo.batik.example")
    phone.fill("#id_password", "secret-pass-123")
    phone.locator("#dashboard_login_form [type=submit]").tap()
    phone.wait_for_url("**/dashboard/workshop/")

    phone.locator(".workshop-tile").first.tap()
    phone.wait_for_url("**/dashboard/workshop/stock/")
    row = phone.locator(f"#stock-{record.pk}")
    assert row.locator('[data-field="in_stock"]').inner_text() == "5"
    # Made for thumbs: big buttons, and nothing wider than the screen.
    assert row.locator('button[value="add"]').bounding_box()["height"] >= 44
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Changes are shown in place, without reloading the page (the marker survives).
    phone.evaluate("window.stillThisPage = true")
    row.locator('button[value="add"]').tap()
    row.locator('[data-field="in_stock"]').filter(has_text="6").wait_for()
    assert row.locator('[data-field="available"]').inner_text() == "6"
    # In Indonesian, the language of the shop and of the phone.
    assert row.locator(".stock-status").inner_text() == "Kain Surya Majapahit: stok 6."

    row.locator('[data-field="set_to"]').fill("3")
    row.locator(".stock-set button").tap()
    row.locator('[data-field="in_stock"]').filter(has_text="3").wait_for()
    assert phone.evaluate("window.stillThisPage") is True

    record.refresh_from_db()
    assert record.num_in_stock == 3
    assert list(
        StockLedgerEntry.objects.order_by("pk").values_list(
            "change", "reason", "num_in_stock_after"
        )
    ) == [(1, "produced", 6), (-3, "correction", 3)]

    # Taking away more than is there is refused, on the spot, and changes nothing.
    row.locator('[data-field="set_to"]').fill("0")
    StockRecord.objects.filter(pk=record.pk).update(num_allocated=1)
    row.locator(".stock-set button").tap()
    row.locator(".stock-status.is-error").wait_for()
    assert "kurang dari 1 yang sudah dipesan" in row.locator(".stock-status").inner_text()
    record.refresh_from_db()
    assert record.num_in_stock == 3
