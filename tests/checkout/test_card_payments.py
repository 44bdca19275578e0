"""Card payments against the offline Stripe: authorise → order with stock → capture."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.oscar_apps.checkout.services.card import (
    PaymentRefused,
    checkout_data_of,
    start_card_payment,
)
from marketplace.payments import gateway
from tests.checkout.flow import (
    ADDRESS_NL,
    CARD_3DS,
    CARD_DECLINED,
    card_token,
    checkout_to_preview,
    complete_3ds,
    pay_by_card,
)
from tests.factories import ProductFactory, UserFactory

Basket = get_model("basket", "Basket")
CardPayment = get_model("order", "CardPayment")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(shop):
    return ProductFactory(title="Kain Surya Majapahit", stock__price=Decimal("250000"))


def test_guest_pays_by_card_and_gets_a_paid_order_holding_the_piece(
    client, fake_stripe, product, django_capture_on_commit_callbacks
):
    preview = checkout_to_preview(client, product)
    # Rp250.000 + domestic shipping Rp20.000 (0.5 kg), PPN included: Rp270.000.
    assert preview.context["amount_minor"] == 27_000_000

    with django_capture_on_commit_callbacks(execute=True):
        response = pay_by_card(client, amount_minor=27_000_000)

    assert response.status_code == 200, response.json()
    assert response.json() == {"redirect": "/checkout/thank-you/"}
    order = Order.objects.get()
    assert (order.status, order.currency, order.total_incl_tax) == (
        "Paid",
        "IDR",
        Decimal("270000"),
    )
    payment = CardPayment.objects.get()
    assert payment.status == CardPayment.Status.CAPTURED
    assert gateway.retrieve_payment(payment.payment_intent_id).status == "succeeded"
    stock = StockRecord.objects.get(product=product)
    assert (stock.num_in_stock, stock.num_allocated) == (5, 1)
    assert [m.to for m in mail.outbox] == [["buyer@example.com"]]


def test_confirmation_email_is_in_the_buyers_language_and_names_the_makers(
    client, fake_stripe, product, django_capture_on_commit_callbacks, settings
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    checkout_to_preview(client, product)
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_card(client, amount_minor=27_000_000)

    order = Order.objects.get()
    assert order.language == "en"
    (message,) = mail.outbox
    assert message.subject == f"Confirmation of order {order.number}"
    assert f"made by {product.artisan.name}, {product.centre.name}" in message.body


def test_indonesian_buyer_gets_the_email_in_indonesian(
    client, fake_stripe, product, django_capture_on_commit_callbacks
):
    checkout_to_preview(client, product)
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_card(client, amount_minor=27_000_000)

    order = Order.objects.get()
    (message,) = mail.outbox
    assert (order.language, message.subject) == ("id", f"Konfirmasi dari pesanan {order.number}")


def test_declined_card_places_no_order_and_gives_the_basket_back(client, fake_stripe, product):
    checkout_to_preview(client, product)

    response = pay_by_card(client, amount_minor=27_000_000, number=CARD_DECLINED)

    assert (response.status_code, response.json()) == (402, {"error": "Kartu Anda ditolak."})
    assert Order.objects.count() == 0
    payment = CardPayment.objects.get()
    assert (payment.status, payment.failure_message) == ("failed", "Kartu Anda ditolak.")
    assert Basket.objects.get(pk=payment.basket_id).status == Basket.OPEN
    assert StockRecord.objects.get(product=product).net_stock_level == 5
    # The buyer tries again with a good card, from the same basket.
    assert pay_by_card(client, amount_minor=27_000_000).status_code == 200
    assert Order.objects.get().status == "Paid"


def test_3d_secure_card_is_paid_after_the_bank_check(client, fake_stripe, product):
    checkout_to_preview(client, product)

    started = pay_by_card(client, amount_minor=27_000_000, number=CARD_3DS).json()
    assert started["requires_action"] is True
    assert Order.objects.count() == 0
    assert CardPayment.objects.get().status == CardPayment.Status.REQUIRES_ACTION

    complete_3ds(started["client_secret"], success=True)
    response = client.post(started["confirm_url"])

    assert response.json() == {"redirect": "/checkout/thank-you/"}
    assert Order.objects.get().status == "Paid"
    assert CardPayment.objects.get().status == CardPayment.Status.CAPTURED


def test_failed_3d_secure_places_no_order_and_gives_the_basket_back(client, fake_stripe, product):
    checkout_to_preview(client, product)
    started = pay_by_card(client, amount_minor=27_000_000, number=CARD_3DS).json()

    complete_3ds(started["client_secret"], success=False)
    response = client.post(started["confirm_url"])

    assert response.status_code == 402
    assert response.json() == {
        "error": "Bank Anda tidak mengonfirmasi pembayaran (3-D Secure). Silakan coba lagi "
        "atau gunakan kartu lain."
    }
    payment = CardPayment.objects.get()
    assert (payment.status, payment.order) == ("failed", None)
    assert Basket.objects.get(pk=payment.basket_id).status == Basket.OPEN


def test_a_basket_being_paid_cannot_be_paid_a_second_time(client, fake_stripe, product):
    checkout_to_preview(client, product)
    pay_by_card(client, amount_minor=27_000_000, number=CARD_3DS)  # waits for 3-D Secure
    payment = CardPayment.objects.get()

    with pytest.raises(PaymentRefused, match="sedang dalam proses pembayaran"):
        start_card_payment(
            basket_id=payment.basket_id,
            data=checkout_data_of(payment),
            card_token=card_token(),
            expected_total_minor=27_000_000,
        )
    assert CardPayment.objects.count() == 1


def test_a_price_change_before_paying_authorises_nothing(client, fake_stripe, product):
    checkout_to_preview(client, product)
    StockRecord.objects.filter(product=product).update(price=Decimal("300000"))

    response = pay_by_card(client, amount_minor=27_000_000)

    assert response.status_code == 409
    assert response.json()["redirect"] == "/checkout/preview/"
    assert CardPayment.objects.count() == 0
    assert Basket.objects.get().status == Basket.OPEN


def test_piece_gone_before_paying_is_refused_without_authorising(client, fake_stripe, product):
    checkout_to_preview(client, product)
    StockRecord.objects.filter(product=product).update(num_allocated=5)

    response = pay_by_card(client, amount_minor=27_000_000)

    # Oscar's basket check answers first: back to the basket, which says why.
    assert (response.status_code, response.json()) == (409, {"redirect": "/basket/"})
    (message,) = list(response.wsgi_request._messages)
    assert "Kain Surya Majapahit" in str(message)
    assert CardPayment.objects.count() == 0


def test_piece_sold_while_authorising_cancels_the_authorisation_and_says_which(
    client, fake_stripe, product, monkeypatch
):
    checkout_to_preview(client, product)
    # Another buyer takes the last pieces between the courtesy check and the lock.
    real_create = gateway.create_card_payment

    def create_while_someone_else_buys(**kwargs):
        intent = real_create(**kwargs)
        StockRecord.objects.filter(product=product).update(num_allocated=5)
        return intent

    monkeypatch.setattr(gateway, "create_card_payment", create_while_someone_else_buys)

    response = pay_by_card(client, amount_minor=27_000_000)

    assert response.status_code == 409
    assert response.json()["error"] == (
        "Maaf, “Kain Surya Majapahit” baru saja habis terjual: pembeli lain mengambil barang "
        "terakhir."
    )
    payment = CardPayment.objects.get()
    assert (payment.status, payment.order) == ("cancelled", None)
    assert gateway.retrieve_payment(payment.payment_intent_id).status == "canceled"
    assert payment.money_released_at is not None
    assert Order.objects.count() == 0
    assert StockRecord.objects.get(product=product).num_allocated == 5
    assert Basket.objects.get(pk=payment.basket_id).status == Basket.OPEN


def test_export_buyer_pays_zero_rated_dollars_with_international_shipping(
    client, fake_stripe, product
):
    preview = checkout_to_preview(client, product, currency="USD", address=ADDRESS_NL)
    # Shelf Rp250.000 less its PPN (Rp24.775) = Rp225.225 → US$14.08 at Rp16.000;
    # international shipping Rp300.000 → US$18.75. Zero-rated: no tax.
    assert preview.context["amount_minor"] == 3283

    assert pay_by_card(client, amount_minor=3283).status_code == 200

    order = Order.objects.get()
    assert (order.currency, order.total_incl_tax, order.total_excl_tax) == (
        "USD",
        Decimal("32.83"),
        Decimal("32.83"),
    )
    assert order.lines.get().unit_price_incl_tax == Decimal("14.08")
    payment = CardPayment.objects.get()
    assert (payment.currency, payment.amount_minor, payment.exchange_rate.idr_per_unit) == (
        "USD",
        3283,
        Decimal("16000"),
    )


def test_signed_in_buyer_pays_by_card_and_sees_the_order(client, fake_stripe, product):
    user = UserFactory(email="sri@example.com")
    client.force_login(user)
    checkout_to_preview(client, product, guest=False)

    assert pay_by_card(client, amount_minor=27_000_000).status_code == 200

    order = Order.objects.get()
    assert (order.user, order.guest_email) == (user, "")
    page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert page.status_code == 200
    assert user.addresses.get().line1 == "Jalan Kedungsari 12"


def age(payment, minutes):
    CardPayment.objects.filter(pk=payment.pk).update(
        updated_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_abandoned_3d_secure_is_released_by_the_expiry_command(client, fake_stripe, product):
    checkout_to_preview(client, product)
    pay_by_card(client, amount_minor=27_000_000, number=CARD_3DS)  # and the buyer leaves
    payment = CardPayment.objects.get()
    age(payment, 61)

    call_command("expire_unpaid_orders")

    payment.refresh_from_db()
    assert payment.status == "cancelled"
    assert gateway.retrieve_payment(payment.payment_intent_id).status == "canceled"
    assert Basket.objects.get(pk=payment.basket_id).status == Basket.OPEN
    assert Order.objects.count() == 0


def test_authorised_payment_whose_webhook_never_came_gets_its_order_from_the_command(
    client, fake_stripe, product
):
    checkout_to_preview(client, product)
    started = pay_by_card(client, amount_minor=27_000_000, number=CARD_3DS).json()
    complete_3ds(started["client_secret"])  # then the tab closed, and no webhook came
    payment = CardPayment.objects.get()
    age(payment, 61)

    call_command("expire_unpaid_orders")

    payment.refresh_from_db()
    assert (payment.status, payment.order.status) == ("captured", "Paid")


def test_recent_payments_are_left_to_the_buyer(client, fake_stripe, product):
    checkout_to_preview(client, product)
    pay_by_card(client, amount_minor=27_000_000, number=CARD_3DS)

    call_command("expire_unpaid_orders")

    assert CardPayment.objects.get().status == "requires_action"


def test_order_page_names_each_pieces_artisan_and_centre(client, fake_stripe, product):
    user = UserFactory()
    client.force_login(user)
    checkout_to_preview(client, product, guest=False)
    pay_by_card(client, amount_minor=27_000_000)
    order = Order.objects.get()

    page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))

    content = page.content.decode()
    assert f'<td class="line-title">{order.lines.get().title}</td>' in content
    assert f">{product.artisan.name}</a>" in content
    assert f">{product.centre.name}</a>" in content


def test_authorisation_whose_cancel_failed_is_released_by_the_expiry_command(
    client, fake_stripe, product, monkeypatch
):
    checkout_to_preview(client, product)
    real_create, real_cancel = gateway.create_card_payment, gateway.cancel_payment

    def create_while_someone_else_buys(**kwargs):
        intent = real_create(**kwargs)
        StockRecord.objects.filter(product=product).update(num_allocated=5)
        return intent

    def stripe_down(*args, **kwargs):
        raise gateway.GatewayError("connection reset")

    monkeypatch.setattr(gateway, "create_card_payment", create_while_someone_else_buys)
    monkeypatch.setattr(gateway, "cancel_payment", stripe_down)
    response = pay_by_card(client, amount_minor=27_000_000)
    payment = CardPayment.objects.get()
    assert response.status_code == 502
    assert (payment.status, payment.money_released_at) == ("cancelled", None)
    assert gateway.retrieve_payment(payment.payment_intent_id).status == "requires_capture"

    monkeypatch.setattr(gateway, "cancel_payment", real_cancel)
    age(payment, 61)
    call_command("expire_unpaid_orders")

    payment.refresh_from_db()
    assert payment.money_released_at is not None
    assert gateway.retrieve_payment(payment.payment_intent_id).status == "canceled"
    assert Order.objects.count() == 0
