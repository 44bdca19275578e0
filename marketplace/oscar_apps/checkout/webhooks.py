"""Stripe webhooks: verified on the raw body, stored once per event, handled by a task.

The view checks the signature, stores the event once by id and queues
``tasks.process_stripe_event``, which reads the payment's current state from Stripe and
settles it from there (events arrive late, twice or out of order, so an event is only
a hint). That is how a buyer who paid and closed the tab still gets the order. A bad
signature gets 400 and changes nothing.
"""

import logging

from django import http
from django.db.models import F
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.payments import gateway
from marketplace.payments.models import WebhookEvent

from .tasks import process_stripe_event

logger = logging.getLogger("marketplace.checkout")


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
        # A worker does the work (inline when tasks run eagerly): Stripe gets its answer
        # at once, and the task retries by itself while the gateway does not answer.
        process_stripe_event.delay(record.pk)
    except gateway.GatewayError:
        # Only when run eagerly: Stripe retries failed deliveries, so ask it to.
        return http.HttpResponse("try again", status=503)
    return http.HttpResponse("ok")
