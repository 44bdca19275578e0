"""Checkout's background tasks: handling Stripe events, releasing unpaid orders.

The webhook view only verifies and stores an event; ``process_stripe_event`` does the
work, in a worker in production (inline when ``CELERY_TASK_ALWAYS_EAGER``). Both tasks
may run twice for the same input and change nothing the second time.
"""

import logging

from celery import shared_task
from django.utils import timezone

from marketplace.payments import gateway
from marketplace.payments.models import WebhookEvent

from .services.bank_transfer import expire_bank_transfers
from .services.card import settle_card_payment
from .services.card_recovery import card_payment_for_event, settle_stale_card_payments

logger = logging.getLogger("marketplace.checkout")

#: Waits between attempts while Stripe does not answer: 30 s, 60 s, … up to an hour.
RETRY_BACKOFF_SECONDS = 30
RETRY_BACKOFF_MAX_SECONDS = 60 * 60
MAX_RETRIES = 10


def handle_event(event: dict) -> None:
    """Act on one verified event (safe to call again for the same event).

    Events arrive late, twice or out of order, so an event is only a hint: the
    payment's current state is read from Stripe and settled from there.
    """
    if not event["type"].startswith("payment_intent."):
        return
    intent = event.get("data", {}).get("object", {})
    card_payment = card_payment_for_event(str(intent.get("id", "")), intent.get("metadata") or {})
    if card_payment is None:
        logger.info("Stripe event %s is not about one of our payments", event["id"])
        return
    settle_card_payment(card_payment_id=card_payment.pk)


@shared_task(bind=True, max_retries=MAX_RETRIES)
def process_stripe_event(self, webhook_event_id: int) -> None:
    """Handle the stored ``WebhookEvent`` with this primary key, once.

    An event already processed is skipped; handling itself is idempotent, so a
    redelivered task (worker lost, duplicate delivery) changes nothing. While Stripe is
    unreachable the task retries with growing pauses; run eagerly it raises instead, so
    the webhook view answers 503 and Stripe delivers the event again.
    """
    record = WebhookEvent.objects.filter(pk=webhook_event_id).first()
    if record is None or record.processed_at is not None:
        return
    try:
        handle_event(record.payload)
    except gateway.GatewayError as exc:
        WebhookEvent.objects.filter(pk=record.pk).update(last_error=str(exc))
        if self.request.is_eager:
            raise
        countdown = min(RETRY_BACKOFF_SECONDS * 2**self.request.retries, RETRY_BACKOFF_MAX_SECONDS)
        raise self.retry(exc=exc, countdown=countdown) from exc
    WebhookEvent.objects.filter(pk=record.pk, processed_at__isnull=True).update(
        processed_at=timezone.now(), last_error=""
    )


@shared_task
def expire_unpaid_orders() -> dict:
    """Cancel bank-transfer orders past their hold; settle card payments left unfinished.

    Run every few minutes by Celery beat (``CELERY_BEAT_SCHEDULE``); the management
    command of the same name does the same from a shell or cron.
    """
    expired = expire_bank_transfers()
    checked = settle_stale_card_payments()
    return {"expired": expired, "card_payments_checked": checked}
