"""Checkout's tasks: Stripe events handled in a worker, unpaid orders released by beat."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.celery import app as celery_app
from marketplace.oscar_apps.checkout import tasks
from marketplace.payments import gateway
from marketplace.payments.models import WebhookEvent
from tests.checkout.flow import (
    CARD_3DS,
    checkout_to_preview,
    complete_3ds,
    deliver,
    intent_event,
    pay_by_card,
)
from tests.factories import ProductFactory

BankTransfer = get_model("order", "BankTransfer")
CardPayment = get_model("order", "CardPayment")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

TASK_NAME = "marketplace.oscar_apps.checkout.tasks.process_stripe_event"
WEBHOOK_SECRET = "whsec_tasks_test"


def an_event(event_id="evt_task_1"):
    """A Stripe event about a PaymentIntent the shop has never seen (no gateway needed)."""
    return {
        "id": event_id,
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": "pi_not_ours", "object": "payment_intent", "metadata": {}}},
    }


@pytest.fixture
def signed(settings):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET


@pytest.fixture
def worker_mode():
    """Tasks go to the broker (Celery's in-memory transport) instead of running inline."""
    celery_app.conf.task_always_eager = False
    with celery_app.connection_for_write() as connection:
        queue = connection.SimpleQueue(celery_app.conf.task_default_queue)
        queue.clear()
        yield queue
        queue.clear()
        queue.close()
    celery_app.conf.task_always_eager = True


def test_tasks_run_inline_by_default():
    assert (settings.CELERY_TASK_ALWAYS_EAGER, celery_app.conf.task_always_eager) == (True, True)


def test_the_webhook_only_stores_and_queues_the_event_when_a_worker_handles_tasks(
    client, signed, worker_mode
):
    with mock.patch.object(tasks, "settle_card_payment") as settle:
        response = deliver(client, an_event(), secret=WEBHOOK_SECRET)

    assert (response.status_code, response.content) == (200, b"ok")
    stored = WebhookEvent.objects.get()
    assert (stored.event_id, stored.processed_at, stored.deliveries) == ("evt_task_1", None, 1)
    message = worker_mode.get(timeout=1)
    assert (message.headers["task"], message.headers["argsrepr"]) == (TASK_NAME, f"({stored.pk},)")
    assert worker_mode.qsize() == 0
    settle.assert_not_called()


def test_a_redelivered_unprocessed_event_is_queued_again_and_counted(client, signed, worker_mode):
    deliver(client, an_event(), secret=WEBHOOK_SECRET)
    deliver(client, an_event(), secret=WEBHOOK_SECRET)

    stored = WebhookEvent.objects.get()
    assert (stored.deliveries, stored.processed_at) == (2, None)
    assert worker_mode.qsize() == 2


def test_the_queued_task_marks_the_event_processed(client, signed, worker_mode):
    deliver(client, an_event(), secret=WEBHOOK_SECRET)
    message = worker_mode.get(timeout=1)
    (webhook_event_id,), _kwargs, _embed = message.decode()

    tasks.process_stripe_event(webhook_event_id)

    assert WebhookEvent.objects.get(pk=webhook_event_id).processed_at is not None


def test_an_event_already_processed_is_not_handled_again(client, signed):
    deliver(client, an_event(), secret=WEBHOOK_SECRET)
    stored = WebhookEvent.objects.get()
    processed_at = stored.processed_at

    with mock.patch.object(tasks, "handle_event") as handle:
        tasks.process_stripe_event(stored.pk)

    handle.assert_not_called()
    stored.refresh_from_db()
    assert stored.processed_at == processed_at


def test_a_gateway_failure_in_a_worker_is_retried_with_growing_pauses(client, signed, worker_mode):
    deliver(client, an_event(), secret=WEBHOOK_SECRET)
    stored = WebhookEvent.objects.get()
    failure = gateway.GatewayError("Stripe did not answer")
    worker_mode.clear()

    with (
        mock.patch.object(tasks, "handle_event", side_effect=failure),
        mock.patch.object(tasks.process_stripe_event, "retry", side_effect=RuntimeError("retry")),
    ):
        tasks.process_stripe_event.push_request(retries=2, is_eager=False)
        try:
            with pytest.raises(RuntimeError, match="retry"):
                tasks.process_stripe_event.run(stored.pk)
        finally:
            tasks.process_stripe_event.pop_request()
        retry_call = tasks.process_stripe_event.retry.call_args

    assert retry_call == mock.call(exc=failure, countdown=120)
    stored.refresh_from_db()
    assert (stored.processed_at, stored.last_error) == (None, "Stripe did not answer")


def test_the_retry_pause_stops_growing_at_an_hour(client, signed):
    deliver(client, an_event(), secret=WEBHOOK_SECRET)
    stored = WebhookEvent.objects.get()
    WebhookEvent.objects.filter(pk=stored.pk).update(processed_at=None)

    with (
        mock.patch.object(tasks, "handle_event", side_effect=gateway.GatewayError("down")),
        mock.patch.object(tasks.process_stripe_event, "retry", side_effect=RuntimeError("retry")),
    ):
        tasks.process_stripe_event.push_request(retries=9, is_eager=False)
        try:
            with pytest.raises(RuntimeError):
                tasks.process_stripe_event.run(stored.pk)
        finally:
            tasks.process_stripe_event.pop_request()
        countdown = tasks.process_stripe_event.retry.call_args.kwargs["countdown"]

    assert countdown == 3600


def test_run_inline_a_gateway_failure_asks_stripe_to_deliver_again(client, signed):
    with mock.patch.object(tasks, "handle_event", side_effect=gateway.GatewayError("down")):
        response = deliver(client, an_event(), secret=WEBHOOK_SECRET)

    assert (response.status_code, response.content) == (503, b"try again")
    stored = WebhookEvent.objects.get()
    assert (stored.processed_at, stored.last_error) == (None, "down")

    # Stripe's next delivery finds the gateway answering again.
    response = deliver(client, an_event(), secret=WEBHOOK_SECRET)

    stored.refresh_from_db()
    assert (response.status_code, stored.deliveries, stored.last_error) == (200, 2, "")
    assert stored.processed_at is not None


def test_processing_an_event_twice_makes_one_order(client, fake_stripe, shop):
    product = ProductFactory(title="Tas Kembang Maja", stock__price=Decimal("250000"))
    checkout_to_preview(client, product)
    started = pay_by_card(client, amount_minor=27_000_000, number=CARD_3DS).json()
    complete_3ds(started["client_secret"])
    payment = CardPayment.objects.get()
    event = intent_event(payment.payment_intent_id, "payment_intent.amount_capturable_updated")
    assert deliver(client, event).status_code == 200
    stored = WebhookEvent.objects.get()
    # A worker lost after the work but before the mark: the task is delivered again.
    WebhookEvent.objects.filter(pk=stored.pk).update(processed_at=None)

    tasks.process_stripe_event.delay(stored.pk)

    payment.refresh_from_db()
    order = Order.objects.get()
    assert (payment.order, payment.status, order.status) == (order, "captured", "Paid")
    assert StockRecord.objects.get().num_allocated == 1
    assert WebhookEvent.objects.get().processed_at is not None


def test_beat_runs_expire_unpaid_orders_every_ten_minutes():
    entry = settings.CELERY_BEAT_SCHEDULE["expire-unpaid-orders"]

    assert entry == {
        "task": "marketplace.oscar_apps.checkout.tasks.expire_unpaid_orders",
        "schedule": 600.0,
    }
    assert entry["task"] in celery_app.tasks


def test_the_periodic_task_cancels_an_expired_transfer_order_and_frees_its_piece(client, shop):
    product = ProductFactory(title="Kain Mrico Bolong", stock__num_in_stock=1)
    preview = checkout_to_preview(client, product, method="bank-transfer")
    client.post(
        reverse("checkout:preview"),
        {"action": "place_order", "amount_minor": preview.context["amount_minor"]},
    )
    order = Order.objects.get()
    BankTransfer.objects.filter(order=order).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    result = tasks.expire_unpaid_orders.delay().get()

    order.refresh_from_db()
    assert result == {"expired": [order.number], "card_payments_checked": 0}
    assert (order.status, order.bank_transfer.status) == ("Cancelled", "expired")
    assert StockRecord.objects.get(product=product).net_stock_level == 1
