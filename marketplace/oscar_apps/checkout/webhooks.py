"""Stripe webhooks: verified on the raw body, stored once per event, handled idempotently.

Events arrive late, twice or out of order, so an event is only a hint: the handler
reads the payment's current state from Stripe and settles it from there (see
``services.card.settle_card_payment``). That is how a buyer who paid and closed the
tab still gets the order. A bad signature gets 400 and changes nothing.
"""

import logging

from django import http
from django.db.models import F
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.payments import gateway
from marketplace.payments.models import WebhookEvent

from .services.card import settle_card_payment
from .services.card_recovery import card_payment_for_event

logger = logging.getLogger("marketplace.checkout")


def handle_event(event: dict) -> None:
    """Act on one verified event (safe to call again for the same event)."""
    if not event["type"].startswith("payment_intent."):
        return
    intent = event.get("data", {}).get("object", {})
    card_payment = card_payment_for_event(str(intent.get("id", "")), intent.get("metadata") or {})
    if card_payment is None:
        logger.info("Stripe event %s is not about one of our payments", event["id"])
        return
    settle_card_payment(card_payment_id=card_payment.pk)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event = gateway.parse_webhook(request.body, request.headers.get("Stripe-Signature", ""))
    except gateway.InvalidSignature:
        logger.warning("Stripe webhook with a bad signature refused")
        return http.HttpResponseBadRequest("bad signature")

    record, created = WebhookEvent.objects.get_or_create(
        event_id=event["id"], defaults={"type": event["type"], "payload": event}
    )
    if not created:
        WebhookEvent.objects.filter(pk=record.pk).update(deliveries=F("deliveries") + 1)
        if record.processed_at is not None:
            return http.HttpResponse("already processed")
    try:
        handle_event(event)
    except gateway.GatewayError as exc:
        # Stripe retries failed deliveries; by then the gateway may answer again.
        WebhookEvent.objects.filter(pk=record.pk).update(last_error=str(exc))
        return http.HttpResponse("try again", status=503)
    WebhookEvent.objects.filter(pk=record.pk).update(processed_at=timezone.now(), last_error="")
    return http.HttpResponse("ok")
