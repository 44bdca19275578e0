"""A card payment's confirmation is audited once, whichever path settles it first:
the Stripe webhook, the buyer's return page, or both."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.audit.models import AuditEvent
from tests.checkout.flow import (
    CARD_3DS,
    CARD_DECLINED,
    checkout_to_preview,
    complete_3ds,
    deliver,
    intent_event,
    pay_by_card,
)
from tests.factories import CentreFactory, ProductFactory, centre_manager

CardPayment = get_model("order", "CardPayment")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

AMOUNT_MINOR = 27_000_000  # Rp250.000 + Rp20.000 shipping


@pytest.fixture
def product(shop):
    return ProductFactory(title="Tas Kembang Maja", stock__price=Decimal("250000"))


@pytest.fixture
def authorised(client, fake_stripe, product):
    """The buyer passed 3-D Secure; the shop has not heard of it yet."""
    checkout_to_preview(client, product)
    started = pay_by_card(client, amount_minor=AMOUNT_MINOR, number=CARD_3DS).json()
    complete_3ds(started["client_secret"])
    return CardPayment.objects.get()


def confirmations():
    return [
        (e.actor_id, e.target_type.model, e.target_id, e.before, e.after, e.centre_id)
        for e in AuditEvent.objects.filter(action=AuditEvent.Action.PAYMENT_CONFIRMED)
    ]


def expected(payment, product):
    order = Order.objects.get()
    return [
        (
            None,
            "order",
            str(order.pk),
            {"status": "Payment authorised"},
            {
                "status": "Paid",
                "method": "card",
                "amount": "270000.00",
                "currency": "IDR",
                "payment_intent": payment.payment_intent_id,
            },
            product.artisan.centre_id,
        )
    ]


def webhook(client, payment):
    event = intent_event(payment.payment_intent_id, "payment_intent.amount_capturable_updated")
    assert deliver(client, event).status_code == 200


def return_page(client):
    response = client.post(reverse("checkout:card-confirm"))
    assert response.json() == {"redirect": "/checkout/thank-you/"}


def test_webhook_then_return_page_records_one_confirmation(client, authorised, product):
    webhook(client, authorised)
    return_page(client)
    webhook(client, authorised)  # Stripe delivers again
    assert confirmations() == expected(authorised, product)


def test_return_page_then_webhook_records_one_confirmation(client, authorised, product):
    return_page(client)
    webhook(client, authorised)
    assert confirmations() == expected(authorised, product)


def test_a_card_paid_without_3ds_is_confirmed_once(client, fake_stripe, product):
    checkout_to_preview(client, product)
    response = pay_by_card(client, amount_minor=AMOUNT_MINOR)
    assert response.status_code == 200
    payment = CardPayment.objects.get()
    webhook(client, payment)
    assert confirmations() == expected(payment, product)


def test_a_declined_card_records_no_confirmation(client, fake_stripe, product):
    checkout_to_preview(client, product)
    pay_by_card(client, amount_minor=AMOUNT_MINOR, number=CARD_DECLINED)
    assert CardPayment.objects.get().status == "failed"
    assert confirmations() == []


def test_the_centres_manager_sees_the_confirmation_and_another_centres_does_not(
    client, authorised, product
):
    webhook(client, authorised)
    event = AuditEvent.objects.get(action=AuditEvent.Action.PAYMENT_CONFIRMED)
    query = {"action": AuditEvent.Action.PAYMENT_CONFIRMED}
    client.force_login(centre_manager(product.artisan.centre))
    assert [e.pk for e in client.get("/dashboard/audit/", query).context["events"]] == [event.pk]
    client.force_login(centre_manager(CentreFactory()))
    assert list(client.get("/dashboard/audit/", query).context["events"]) == []
