"""Twenty buyers pay for the same product, three pieces in stock, at the same moment.

Real threads, each with its own database connection and its own browser session,
real transactions on PostgreSQL, real authorisations at the offline Stripe. Exactly
three orders may exist; everybody else is told the piece sold out and their card
authorisation is cancelled.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connections
from django.test import Client
from oscar.core.loading import get_model

from marketplace.payments import gateway
from tests.checkout.flow import (
    CARD_3DS,
    card_token,
    checkout_to_preview,
    complete_3ds,
    deliver,
    intent_event,
    pay_by_card,
)
from tests.factories import ProductFactory

CardPayment = get_model("order", "CardPayment")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BUYERS = 20
STOCK = 3
SOLD_OUT = (
    "Maaf, “Kain Tulis Sekar Jagad” baru saja habis terjual: pembeli lain mengambil barang "
    "terakhir."
)


def test_twenty_buyers_racing_for_three_pieces_get_exactly_three_orders(
    needs_postgres, fake_stripe, shop
):
    product = ProductFactory(
        title="Kain Tulis Sekar Jagad",
        stock__price=Decimal("1500000"),
        stock__num_in_stock=STOCK,
    )
    amount_minor = (1_500_000 + 20_000) * 100  # the piece and domestic shipping
    # Oscar links its "missing image" into MEDIA_ROOT on first use; do it once here,
    # not in twenty threads at once.
    product.primary_image()
    ready = threading.Barrier(BUYERS)
    results: dict[int, tuple[int, dict]] = {}
    errors: list[BaseException] = []

    def buyer(number: int) -> None:
        try:
            client = Client()
            checkout_to_preview(
                client, product, email=f"buyer{number}@example.com", render_preview=False
            )
            token = card_token()
            ready.wait(timeout=60)  # everybody presses "Pay" together
            response = client.post(
                "/checkout/card/", {"token": token, "amount_minor": str(amount_minor)}
            )
            results[number] = (response.status_code, response.json())
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
            ready.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=buyer, args=(n,)) for n in range(BUYERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    paid = [r for r in results.values() if r[0] == 200]
    refused = [r for r in results.values() if r[0] != 200]
    assert len(paid) == STOCK
    assert all(body == {"redirect": "/checkout/thank-you/"} for _, body in paid)
    assert len(refused) == BUYERS - STOCK
    # Refused before authorising (the basket check saw no stock left), or after
    # (the stock lock did): either way the buyer goes back to the basket, told why.
    assert all(status == 409 and body["redirect"] == "/basket/" for status, body in refused)
    assert {body["error"] for _, body in refused if "error" in body} <= {SOLD_OUT}

    assert Order.objects.count() == STOCK
    assert set(Order.objects.values_list("status", flat=True)) == {"Paid"}
    stock = StockRecord.objects.get(product=product)
    assert (stock.num_in_stock, stock.num_allocated) == (STOCK, STOCK)

    payments = CardPayment.objects.all()
    assert sorted(p.status for p in payments if p.order_id) == ["captured"] * STOCK
    assert {p.status for p in payments if not p.order_id} <= {"cancelled"}
    # At Stripe: three captured payments, every other authorisation cancelled.
    intents = gateway._client().v1.payment_intents.list({"limit": 100}).to_dict()["data"]
    statuses = sorted(intent["status"] for intent in intents)
    assert statuses.count("succeeded") == STOCK
    assert set(statuses) <= {"succeeded", "canceled"}
    assert len(intents) == payments.count()


def test_page_and_webhooks_settling_one_payment_at_once_make_one_order(
    needs_postgres, fake_stripe, shop
):
    product = ProductFactory(stock__price=Decimal("250000"))
    buyer = Client()
    checkout_to_preview(buyer, product)
    started = pay_by_card(buyer, amount_minor=27_000_000, number=CARD_3DS).json()
    complete_3ds(started["client_secret"])
    payment = CardPayment.objects.get()
    events = [
        intent_event(payment.payment_intent_id, kind, event_id=f"evt_{n}")
        for n, kind in enumerate(
            ["payment_intent.amount_capturable_updated", "payment_intent.succeeded"] * 2
        )
    ]
    ready = threading.Barrier(len(events) + 1)
    statuses: list[int] = []

    def run(action) -> None:
        try:
            ready.wait(timeout=30)
            statuses.append(action().status_code)
        finally:
            connections.close_all()

    actions = [lambda e=e: deliver(Client(), e) for e in events]
    actions.append(lambda: buyer.post(started["confirm_url"]))
    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [200] * len(actions)
    assert Order.objects.count() == 1
    payment.refresh_from_db()
    assert (payment.status, payment.order.status) == ("captured", "Paid")
    assert payment.order.payment_events.filter(event_type__name="Settled").count() == 1
    assert StockRecord.objects.get(product=product).num_allocated == 1
