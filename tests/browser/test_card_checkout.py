"""A guest buys a piece by card in a real browser, against the offline Stripe.

The page loads localstripe's fake Stripe.js from 127.0.0.1, the card Element turns
the typed card into a token, the shop authorises, reserves the piece and captures;
localstripe then delivers its signed ``payment_intent.succeeded`` webhook to the
running shop.
"""

import time
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from marketplace.payments import fake_stripe as fake
from marketplace.payments.models import WebhookEvent
from tests.factories import ArtisanFactory, CentreFactory, ProductFactory

CardPayment = get_model("order", "CardPayment")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tulis_piece(shop):
    centre = CentreFactory(name="Sentra IKM Batik Maja Barama Wastra")
    artisan = ArtisanFactory(name="Ibu Sri Wahyuni", centre=centre)
    return ProductFactory(
        title="Kain Tulis Surya Majapahit",
        artisan=artisan,
        stock__price=Decimal("750000"),
        stock__num_in_stock=1,
    )


def go_to_payment(page, live_server, product, email):
    page.goto(live_server.url + product.get_absolute_url())
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto(live_server.url + "/checkout/")
    page.locator("#id_username").fill(email)
    page.locator("input[name=options][value=anonymous]").check()
    page.locator("form.card button[type=submit]").click()
    page.wait_for_url("**/checkout/shipping-address/")
    form = page.locator("#new_shipping_address")
    form.locator("#id_first_name").fill("Ayu")
    form.locator("#id_last_name").fill("Lestari")
    form.locator("#id_line1").fill("Jalan Majapahit 5")
    form.locator("#id_line4").fill("Surabaya")
    form.locator("#id_postcode").fill("60111")
    assert form.locator("#id_country").input_value() == "ID"
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/checkout/payment-method/")
    page.locator("input[name=method][value=card]").check()
    page.locator("#choose-payment-method").click()
    page.wait_for_url("**/checkout/preview/")


def type_card(page, number):
    element = page.locator("#card-element")
    element.locator("input[placeholder=number]").fill(number)
    element.locator("input[placeholder=exp_month]").fill("12")
    element.locator("input[placeholder=exp_year]").fill("30")
    element.locator("input[placeholder=cvc]").fill("123")
    element.locator("input[placeholder=postal_code]").fill("60111")


def test_guest_buys_a_piece_by_card_in_the_browser(live_server, page, fake_stripe, tulis_piece):
    fake.register_webhook(fake_stripe.url, live_server.url + "/checkout/stripe/webhook/")
    go_to_payment(page, live_server, tulis_piece, "ayu@example.com")
    # Rp750.000 + Rp20.000 domestic shipping, PPN included.
    assert page.locator("#pay-button").inner_text() == "Bayar Rp770.000"

    type_card(page, "4242424242424242")
    page.locator("#pay-button").click()
    page.wait_for_url("**/checkout/thank-you/")

    order = Order.objects.get()
    assert (order.status, order.guest_email, order.total_incl_tax) == (
        "Paid",
        "ayu@example.com",
        Decimal("770000"),
    )
    assert page.locator("#order-provenance .line-artisan").inner_text() == "Ibu Sri Wahyuni"
    assert page.locator("#order-provenance .line-centre").inner_text() == (
        "Sentra IKM Batik Maja Barama Wastra"
    )
    assert StockRecord.objects.get(product=tulis_piece).net_stock_level == 0
    # localstripe announces the capture a second later, signed: the shop accepts it.
    deadline = time.monotonic() + 10
    while not WebhookEvent.objects.filter(type="payment_intent.succeeded").exists():
        assert time.monotonic() < deadline, "no webhook from localstripe"
        time.sleep(0.1)
    event = WebhookEvent.objects.get()
    assert event.object_id == CardPayment.objects.get().payment_intent_id
    deadline = time.monotonic() + 5
    while WebhookEvent.objects.get().processed_at is None:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert Order.objects.count() == 1


def test_3d_secure_in_the_browser_then_the_piece_is_paid(
    live_server, page, fake_stripe, tulis_piece
):
    go_to_payment(page, live_server, tulis_piece, "budi@example.com")

    type_card(page, "4000002500003155")
    page.locator("#pay-button").click()
    page.get_by_role("button", name="Complete authentication").click()
    page.wait_for_url("**/checkout/thank-you/")

    assert Order.objects.get().status == "Paid"
    assert CardPayment.objects.get().status == "captured"
