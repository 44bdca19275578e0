"""Card payments that need help: a webhook's payment, and ones left unfinished.

Webhooks name a PaymentIntent; ``card_payment_for_event`` finds our payment for it.
``settle_stale_card_payments`` (run by ``expire_unpaid_orders``) settles payments left
unfinished — authorised ones whose webhook never came get their order, abandoned
3-D Secure ones and authorisations Stripe failed to cancel are released.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.payments import gateway

from .card import CardOutcome, finish_unpaid, release_payment, settle_card_payment

CardPayment = get_model("order", "CardPayment")
Status = CardPayment.Status

logger = logging.getLogger("marketplace.checkout")


def card_payment_for_event(intent_id: str, metadata: dict):
    """Our payment for a Stripe PaymentIntent (None: not one of ours)."""
    card_payment = CardPayment.objects.filter(payment_intent_id=intent_id).first()
    if card_payment is not None:
        return card_payment
    # The intent was created but its id never saved (the request died): link it.
    pk = str(metadata.get("card_payment", ""))
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    if pk.isascii() and pk.isdigit() and len(pk) <= 18:
        updated = CardPayment.objects.filter(pk=int(pk), payment_intent_id__isnull=True).update(
            payment_intent_id=intent_id
        )
        if updated:
            return CardPayment.objects.get(pk=int(pk))
    return None


def cancel_abandoned(card_payment_id: int) -> CardOutcome:
    """A buyer left during 3-D Secure: release the authorisation and the basket."""
    card_payment = CardPayment.objects.get(pk=card_payment_id)
    intent = gateway.retrieve_payment(card_payment.payment_intent_id)
    if intent.status != "requires_action":
        return settle_card_payment(card_payment_id=card_payment_id, intent=intent)
    return release_payment(card_payment, intent, _("The payment was not completed in time."))


def settle_stale_card_payments(*, now=None) -> int:
    """Settle payments left unfinished (no webhook came, the buyer left 3-D Secure).

    A safety net run by ``expire_unpaid_orders``: authorised ones get their order,
    abandoned ones are released. Returns how many payments were looked at.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.CARD_PAYMENT_STALE_MINUTES)
    stale = CardPayment.objects.filter(
        status__in=[Status.STARTED, Status.REQUIRES_ACTION, Status.AUTHORISED, Status.ORDER_PLACED],
        updated_at__lte=cutoff,
    ).values_list("pk", "payment_intent_id")
    count = 0
    for pk, intent_id in list(stale):
        count += 1
        try:
            if intent_id:
                cancel_abandoned(pk)
            else:  # Stripe never answered; a late webhook still finds it by metadata
                finish_unpaid(
                    CardPayment.objects.get(pk=pk),
                    Status.FAILED,
                    _("The payment was not completed."),
                    stripe_confirmed=False,
                )
        except gateway.GatewayError:
            logger.warning("Card payment %s: Stripe unreachable, will retry", pk)
    # Payments refused an order whose release at Stripe failed: release them now.
    unreleased = CardPayment.objects.filter(
        order__isnull=True,
        status__in=[Status.CANCELLED, Status.REFUNDED],
        money_released_at__isnull=True,
        payment_intent_id__isnull=False,
        updated_at__lte=cutoff,
    )
    for card_payment in unreleased:
        count += 1
        try:
            intent = gateway.retrieve_payment(card_payment.payment_intent_id)
            release_payment(card_payment, intent, card_payment.failure_message)
        except gateway.GatewayError:
            logger.warning("Card payment %s: release to be retried", card_payment.pk)
    return count
