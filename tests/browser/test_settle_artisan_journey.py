"""A centre manager signs in, reads the sales dashboard and settles an artisan."""

from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.sales import selectors, services
from tests.factories import ArtisanFactory, CentreFactory, ProductFactory, placed_order
from tests.factories import centre_manager as make_manager

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_reads_the_dashboard_and_records_a_payout(live_server, page):
    centre = CentreFactory(name="Sentra IKM Batik Maja Barama Wastra")
    artisan = ArtisanFactory(name="Ibu Sri Wahyuni", centre=centre)
    other = ArtisanFactory(name="Pak Lain", centre=CentreFactory(name="Sentra Lain"))
    placed_order((ProductFactory(artisan=artisan), 2, "250000"), placed=timezone.now())
    placed_order((ProductFactory(artisan=other), 1, "900000"), placed=timezone.now())
    services.post_unposted_earnings()
    manager = make_manager(centre, email="manager@maja.example", username="manager-maja")

    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_login-username", manager.email)
    page.fill("#id_login-password", "secret-pass-123")
    page.click("button[name=login_submit]")
    page.locator("a.backoffice-link").click()
    page.wait_for_url("**/manage/")

    page.locator(".backoffice-nav").get_by_role("link", name="Dasbor penjualan").click()
    page.wait_for_url("**/manage/sales/")
    assert page.locator("#kpi-revenue .kpi-value").inner_text() == "Rp500.000"
    assert page.locator("#kpi-orders .kpi-value").inner_text() == "1"
    assert page.locator("svg.chart-time rect.chart-bar").count() >= 28
    assert page.locator("#table-artisans tbody td").first.inner_text() == "Ibu Sri Wahyuni"
    assert "Pak Lain" not in page.content()

    page.locator(".backoffice-nav").get_by_role("link", name="Tugas").click()
    payouts = page.locator("#tasks-payouts")
    assert payouts.locator("td").first.inner_text() == "Ibu Sri Wahyuni"
    payouts.get_by_role("link", name="Catat pencairan").click()
    # 500,000 − 10% commission − 0.5% PPh 22.
    assert page.locator("#account-balance").inner_text() == "Rp447.500"

    form = page.locator("#payout-form")
    form.locator("#id_amount").fill("400000")
    form.locator("#id_bank_reference").fill("BCA 0099 1122")
    with page.expect_navigation():
        form.get_by_role("button", name="Catat pencairan").click()
    assert page.locator("#account-balance").inner_text() == "Rp47.500"
    assert "BCA 0099 1122" in page.locator("#ledger").inner_text()
    assert selectors.account_balance(
        artisan_id=artisan.pk, centre_id=centre.pk, currency="IDR"
    ) == Decimal("47500.00")
