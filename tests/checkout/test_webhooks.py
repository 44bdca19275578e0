"""Stripe webhooks: signed, stored once, handled in any order, never two orders."""

import json
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.payments import gateway
from marketplace.payments.models import WebhookEvent
from tests.checkout.flow import (
    CARD_3DS,
    checkout_to_preview,
    complete_3ds,
    deliver,
    intent_event,
    pay_by_card,
    signature_for,
)
from tests.factories import ProductFactory

CardPayment = get_model("order", "CardPayment")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

AMOUNT_MINOR = 27_000_000  # Rp250.000 + Rp20.000 shipping


@pytest.fixture
def authorised_then_tab_closed(client, fake_stripe, shop):
    """A buyer passed 3-D Secure and closed the tab before the shop heard of it."""
    product = ProductFactory(title="Tas Kembang Maja", stock__price=Decimal("250000"))
    checkout_to_preview(client, product)
    started = pay_by_card(client, amount_minor=AMOUNT_MINOR, number=CARD_3DS).json()
    complete_3ds(started["client_secret"])
    payment = CardPayment.objects.get()
    assert gateway.retrieve_payment(payment.payment_intent_id).status == "requires_capture"
    assert Order.objects.count() == 0
    return payment


def test_buyer_who_closed_the_tab_gets_the_order_from_the_webhook(
    client, authorised_then_tab_closed, django_capture_on_commit_callbacks
):
    payment = authorised_then_tab_closed
    event = intent_event(payment.payment_intent_id, "payment_intent.amount_capturable_updated")

    with django_capture_on_commit_callbacks(execute=True):
        response = deliver(client, event)

    assert response.status_code == 200
    order = Order.objects.get()
    payment.refresh_from_db()
    assert (payment.order, payment.status, order.status) == (order, "captured", "Paid")
    assert gateway.retrieve_payment(payment.payment_intent_id).status == "succeeded"
    assert [m.to for m in mail.outbox] == [["buyer@example.com"]]
    stored = WebhookEvent.objects.get()
    assert (stored.event_id, stored.deliveries, stored.processed_at is not None) == (
        event["id"],
        1,
        True,
    )


def test_a_replayed_event_changes_nothing(client, authorised_then_tab_closed):
    payment = authorised_then_tab_closed
    event = intent_event(payment.payment_intent_id, "payment_intent.amount_capturable_updated")

    assert deliver(client, event).status_code == 200
    assert deliver(client, event).status_code == 200

    assert Order.objects.count() == 1
    assert WebhookEvent.objects.get().deliveries == 2
    assert StockRecord.objects.get().num_allocated == 1


def test_events_out_of_order_still_make_one_order(client, authorised_then_tab_closed):
    payment = authorised_then_tab_closed
    capturable = intent_event(payment.payment_intent_id, "payment_intent.amount_capturable_updated")
    failed_earlier = intent_event(payment.payment_intent_id, "payment_intent.payment_failed")
    failed_earlier["data"]["object"]["status"] = "requires_payment_method"

    # "succeeded" first (Stripe's order is not guaranteed), then the older events.
    succeeded = intent_event(payment.payment_intent_id, "payment_intent.succeeded")
    assert deliver(client, succeeded).status_code == 200
    assert deliver(client, failed_earlier).status_code == 200
    assert deliver(client, capturable).status_code == 200

    order = Order.objects.get()
    payment.refresh_from_db()
    assert (payment.order, payment.status, order.status) == (order, "captured", "Paid")
    assert WebhookEvent.objects.count() == 3


def test_the_page_and_the_webhook_settle_one_payment_into_one_order(
    client, authorised_then_tab_closed
):
    payment = authorised_then_tab_closed
    event = intent_event(payment.payment_intent_id, "payment_intent.amount_capturable_updated")
    deliver(client, event)

    # The tab was not closed after all: the page asks the shop to settle too.
    response = client.post(reverse("checkout:card-confirm"))

    assert response.json() == {"redirect": "/checkout/thank-you/"}
    assert Order.objects.count() == 1
    assert client.session["checkout_order_id"] == Order.objects.get().pk


def test_bad_signature_is_refused_and_changes_nothing(client, authorised_then_tab_closed):
    payment = authorised_then_tab_closed
    event = intent_event(payment.payment_intent_id, "payment_intent.amount_capturable_updated")
    payload = json.dumps(event).encode()
    url = reverse("checkout:stripe-webhook")

    wrong_secret = deliver(client, event, secret="whsec_someone_else")
    tampered = client.post(
        url,
        data=payload.replace(b"requires_capture", b"succeeded"),
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature_for(payload),
    )
    unsigned = client.post(url, data=payload, content_type="application/json")

    assert [r.status_code for r in (wrong_secret, tampered, unsigned)] == [400, 400, 400]
    assert WebhookEvent.objects.count() == 0
    assert Order.objects.count() == 0
    assert CardPayment.objects.get().status == "requires_action"
    assert gateway.retrieve_payment(payment.payment_intent_id).status == "requires_capture"


def test_stale_signature_is_refused(client, authorised_then_tab_closed):
    event = intent_event(
        authorised_then_tab_closed.payment_intent_id, "payment_intent.amount_capturable_updated"
    )
    payload = json.dumps(event).encode()

    response = client.post(
        reverse("checkout:stripe-webhook"),
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature_for(payload, timestamp=1_000_000_000),
    )

    assert response.status_code == 400
    assert Order.objects.count() == 0


def test_event_about_a_payment_that_is_not_ours_is_stored_and_ignored(client, fake_stripe, shop):
    intent = gateway._client().v1.payment_intents.create(
        {"amount": 1000, "currency": "usd", "payment_method": "pm_card_visa"}
    )
    event = intent_event(intent["id"], "payment_intent.succeeded")

    assert deliver(client, event).status_code == 200

    assert WebhookEvent.objects.get().processed_at is not None
    assert Order.objects.count() == 0


def test_payment_whose_id_was_never_saved_is_found_by_its_metadata(
    client, authorised_then_tab_closed
):
    payment = authorised_then_tab_closed
    intent_id = payment.payment_intent_id
    # The request died between Stripe's answer and saving the id.
    CardPayment.objects.filter(pk=payment.pk).update(payment_intent_id=None)

    deliver(client, intent_event(intent_id, "payment_intent.amount_capturable_updated"))

    payment.refresh_from_db()
    assert (payment.payment_intent_id, payment.status) == (intent_id, "captured")
    assert Order.objects.count() == 1
