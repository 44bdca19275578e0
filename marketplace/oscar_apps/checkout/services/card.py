"""Card payments: authorise, place the order under the stock lock, then capture.

1. ``start_card_payment`` freezes the basket, records a ``CardPayment`` and asks
   Stripe to authorise the total (manual capture). Nothing is charged yet.
2. ``settle_card_payment`` moves a payment on from whatever state Stripe reports —
   the browser calls it, a webhook calls it, the expiry command calls it, in any
   order and as often as they like:
   - authorised → place the order (stock locked, re-checked, allocated) → capture;
   - the order cannot be placed (sold out, price changed) → cancel the authorisation
     (refund instead if the money was somehow already taken) and say why;
   - declined, failed 3-D Secure or cancelled → the basket is open again.

The ``CardPayment`` row is locked while deciding, so two callers never both place
an order; an order exists for a payment at most once (one-to-one), and money is
captured only for an order that holds its stock.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from marketplace.core.money import to_minor_units
from marketplace.oscar_apps.order.statuses import OrderStatus
from marketplace.payments import gateway

from .placement import (
    CheckoutData,
    add_payment_source,
    audit_payment_confirmed,
    cancel_order,
    on_commit_send_order_placed_email,
    order_totals,
    place_order_from_checkout,
    priced_basket,
    record_payment_event,
)

UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
SoldOut = get_class("order.exceptions", "SoldOut")
PriceChanged = get_class("order.exceptions", "PriceChanged")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
Basket = get_model("basket", "Basket")
CardPayment = get_model("order", "CardPayment")
Source = get_model("payment", "Source")

logger = logging.getLogger("marketplace.checkout")

CARD_SOURCE_TYPE = "Card (Stripe)"
Status = CardPayment.Status


def buyer_message(code: str, stripe_message: str) -> str:
    """What to tell the buyer, in their language, for Stripe's error ``code``."""
    messages = {
        "card_declined": _("Your card was declined."),
        "expired_card": _("Your card has expired."),
        "incorrect_cvc": _("The card's security code is incorrect."),
        "insufficient_funds": _("Your card has insufficient funds."),
        "processing_error": _("The card could not be processed. Please try again."),
        "payment_intent_authentication_failure": _(
            "Your bank did not confirm the payment (3-D Secure). Please try again or use "
            "another card."
        ),
    }
    return messages.get(code) or stripe_message or _("Your card was declined.")


class PaymentRefused(UnableToPlaceOrder):
    """The checkout cannot start a card payment (nothing was authorised)."""


@dataclass
class CardOutcome:
    card_payment: CardPayment
    order: object | None = None
    client_secret: str = ""
    error: str = ""
    # True when the basket itself is the problem (sold out, price changed): the buyer
    # goes back to it. False for card problems: the buyer may try another card.
    back_to_basket: bool = False

    @property
    def requires_action(self) -> bool:
        return bool(self.client_secret) and self.order is None and not self.error


def checkout_data_of(card_payment) -> CheckoutData:
    return CheckoutData(
        user=card_payment.user,
        guest_email=card_payment.guest_email,
        shipping_address=card_payment.shipping_address,
        shipping_method_code=card_payment.shipping_method_code,
        currency=card_payment.currency,
        exchange_rate=card_payment.exchange_rate,
        language=card_payment.language,
    )


def start_card_payment(
    *, basket_id: int, data: CheckoutData, card_token: str, expected_total_minor: int
) -> CardOutcome:
    """Authorise the basket's total on the card behind ``card_token`` and settle it.

    Raises :class:`PaymentRefused` (or ``SoldOut`` / ``PriceChanged``) when nothing
    was authorised because the basket cannot be paid for as it is.
    """
    with transaction.atomic():
        basket = Basket._default_manager.select_for_update().get(pk=basket_id)
        if basket.status != Basket.OPEN:
            raise PaymentRefused(_("This basket is already being paid for."))
        priced = priced_basket(basket.pk, data)
        _check_available(priced)
        _address, _method, _charge, total = order_totals(priced, data)
        amount_minor = to_minor_units(total.incl_tax, total.currency)
        if amount_minor != expected_total_minor:
            raise PriceChanged()
        basket.freeze()
        card_payment = CardPayment.objects.create(
            basket=basket,
            order_number=str(OrderNumberGenerator().order_number(basket)),
            user=data.user,
            guest_email=data.guest_email,
            language=data.language,
            currency=total.currency,
            amount=total.incl_tax,
            amount_minor=amount_minor,
            exchange_rate=data.exchange_rate,
            shipping_address=data.shipping_address,
            shipping_method_code=data.shipping_method_code,
        )
    try:
        intent = gateway.create_card_payment(
            amount_minor=card_payment.amount_minor,
            currency=card_payment.currency,
            card_token=card_token,
            metadata={
                "card_payment": str(card_payment.pk),
                "order_number": card_payment.order_number,
            },
            idempotency_key=f"create-{card_payment.idempotency_key}",
        )
    except gateway.PaymentDeclined as exc:
        return finish_unpaid(card_payment, Status.FAILED, buyer_message(exc.code, str(exc)))
    except gateway.GatewayError:
        # Stripe may still have authorised it; its webhook then finds this payment by
        # metadata and, as it is failed, cancels the authorisation.
        logger.exception("Card payment %s: Stripe refused the request", card_payment.pk)
        return finish_unpaid(
            card_payment,
            Status.FAILED,
            _("The card payment could not be started. Nothing was charged; please try again."),
            stripe_confirmed=False,
        )
    CardPayment.objects.filter(pk=card_payment.pk).update(payment_intent_id=intent.id)
    return settle_card_payment(card_payment_id=card_payment.pk, intent=intent)


def _check_available(basket) -> None:
    """Refuse before authorising if a line is already gone (no lock: a courtesy)."""
    titles = []
    for line in basket.all_lines():
        permitted, _reason = line.purchase_info.availability.is_purchase_permitted(line.quantity)
        if not permitted:
            titles.append(line.product.get_title())
    if titles:
        raise SoldOut(titles)


def settle_card_payment(*, card_payment_id: int, intent: gateway.Intent | None = None):
    """Move the payment on from what Stripe says of it now (idempotent, any order)."""
    card_payment = CardPayment.objects.get(pk=card_payment_id)
    if intent is None:
        intent = gateway.retrieve_payment(card_payment.payment_intent_id)
    if intent.amount_minor != card_payment.amount_minor or intent.currency != card_payment.currency:
        logger.error("Card payment %s: Stripe amount differs from ours", card_payment.pk)
        return release_payment(
            card_payment, intent, _("The payment amount did not match the order.")
        )

    if intent.status == "requires_action":
        CardPayment.objects.filter(pk=card_payment.pk, status=Status.STARTED).update(
            status=Status.REQUIRES_ACTION
        )
        card_payment.refresh_from_db()
        return CardOutcome(card_payment, client_secret=intent.client_secret)

    if intent.status in ("requires_capture", "succeeded"):
        card_payment, error = _place_order(card_payment)
        if card_payment.order_id is None:
            return release_payment(card_payment, intent, error)
        if intent.status == "requires_capture":
            card_payment = _capture(card_payment)
        else:
            card_payment = _record_capture(card_payment)
        return CardOutcome(card_payment, order=card_payment.order)

    if intent.status == "canceled":
        return _authorisation_gone(card_payment)

    if intent.status == "requires_payment_method":
        message = buyer_message(intent.error_code, intent.error_message)
        return finish_unpaid(card_payment, Status.FAILED, message)

    return CardOutcome(card_payment)  # processing: a later event settles it


def _place_order(card_payment):
    """Place the order for an authorised payment, once. Returns (payment, error)."""
    with transaction.atomic():
        card_payment = CardPayment.objects.select_for_update().get(pk=card_payment.pk)
        if card_payment.order_id:
            return card_payment, ""
        if card_payment.status not in (Status.STARTED, Status.REQUIRES_ACTION, Status.AUTHORISED):
            return card_payment, card_payment.failure_message
        data = checkout_data_of(card_payment)
        try:
            with transaction.atomic():
                basket = priced_basket(card_payment.basket_id, data)
                order = place_order_from_checkout(
                    basket=basket,
                    data=data,
                    order_number=card_payment.order_number,
                    status=OrderStatus.AUTHORISED,
                    expected_total_minor=card_payment.amount_minor,
                )
                add_payment_source(
                    order=order,
                    source_type=CARD_SOURCE_TYPE,
                    reference=card_payment.payment_intent_id or "",
                )
                record_payment_event(
                    order=order,
                    event_type="Authorised",
                    reference=card_payment.payment_intent_id or "",
                )
        except UnableToPlaceOrder as exc:
            # Decided under the lock: no other caller can place this order now.
            card_payment.status = Status.CANCELLED
            card_payment.failure_message = str(exc)
            card_payment.save(update_fields=["status", "failure_message", "updated_at"])
            _thaw(card_payment.basket_id)
            return card_payment, str(exc)
        card_payment.order = order
        card_payment.status = Status.ORDER_PLACED
        card_payment.save(update_fields=["order", "status", "updated_at"])
        on_commit_send_order_placed_email(order)
    logger.info("Order %s placed for card payment %s", order.number, card_payment.pk)
    return card_payment, ""


def _capture(card_payment):
    """Capture the money of a placed order (the order already holds its stock)."""
    with transaction.atomic():
        card_payment = CardPayment.objects.select_for_update().get(pk=card_payment.pk)
        if card_payment.status != Status.ORDER_PLACED:
            return card_payment
        try:
            gateway.capture_payment(
                card_payment.payment_intent_id,
                idempotency_key=f"capture-{card_payment.idempotency_key}",
            )
        except gateway.GatewayError:
            # Maybe captured already (a lost response), maybe a passing outage.
            try:
                current = gateway.retrieve_payment(card_payment.payment_intent_id)
            except gateway.GatewayError:
                current = None
            if current is None or current.status == "requires_capture":
                logger.warning("Card payment %s: capture to be retried", card_payment.pk)
                return card_payment
            if current.status != "succeeded":
                return _cancel_placed_order(card_payment)
        return _record_capture(card_payment)


def _record_capture(card_payment):
    with transaction.atomic():
        card_payment = CardPayment.objects.select_for_update().get(pk=card_payment.pk)
        if card_payment.status == Status.CAPTURED:
            return card_payment
        order = card_payment.order
        source = Source.objects.filter(order=order).first()
        if source is not None:
            source.debit(order.total_incl_tax, reference=card_payment.payment_intent_id)
        record_payment_event(
            order=order, event_type="Settled", reference=card_payment.payment_intent_id
        )
        before_status = order.status
        if order.status == OrderStatus.AUTHORISED:
            order.set_status(OrderStatus.PAID)
        card_payment.status = Status.CAPTURED
        card_payment.save(update_fields=["status", "updated_at"])
        _audit_confirmation(card_payment, order, before_status)
    return card_payment


def _audit_confirmation(card_payment, order, before_status: str) -> None:
    """One audit event per centre of the order, written once: the caller holds the
    payment's lock and has just moved it to CAPTURED, so the webhook, the return page
    and the expiry command cannot all record it. Stripe confirmed it, not a person,
    whichever request happened to ask: no actor."""
    audit_payment_confirmed(
        order,
        actor=None,
        before={"status": before_status},
        after={
            "status": order.status,
            "method": "card",
            "amount": card_payment.amount,
            "currency": card_payment.currency,
            "payment_intent": card_payment.payment_intent_id or "",
        },
    )


def _cancel_placed_order(card_payment):
    """The authorisation behind a placed order is gone: cancel it, free its stock."""
    order = card_payment.order
    if order.status == OrderStatus.AUTHORISED:
        cancel_order(
            order=order,
            status=OrderStatus.CANCELLED,
            note=_("Card authorisation lapsed before capture; stock released."),
        )
    card_payment.status = Status.CANCELLED
    card_payment.failure_message = _("The card authorisation was cancelled.")
    card_payment.save(update_fields=["status", "failure_message", "updated_at"])
    _mark_released(card_payment)
    return card_payment


def _authorisation_gone(card_payment) -> CardOutcome:
    with transaction.atomic():
        card_payment = CardPayment.objects.select_for_update().get(pk=card_payment.pk)
        if card_payment.order_id and card_payment.status == Status.ORDER_PLACED:
            card_payment = _cancel_placed_order(card_payment)
        elif card_payment.status in (Status.STARTED, Status.REQUIRES_ACTION, Status.AUTHORISED):
            card_payment.status = Status.CANCELLED
            card_payment.failure_message = _("The card authorisation was cancelled.")
            card_payment.save(update_fields=["status", "failure_message", "updated_at"])
            _thaw(card_payment.basket_id)
        _mark_released(card_payment)
    return CardOutcome(card_payment, error=card_payment.failure_message)


def finish_unpaid(
    card_payment, status: str, message: str, *, stripe_confirmed: bool = True
) -> CardOutcome:
    """Nothing is held on the card: record why and give the buyer the basket back."""
    with transaction.atomic():
        card_payment = CardPayment.objects.select_for_update().get(pk=card_payment.pk)
        if card_payment.status in (Status.STARTED, Status.REQUIRES_ACTION, Status.AUTHORISED):
            card_payment.status = status
            card_payment.failure_message = message
            card_payment.save(update_fields=["status", "failure_message", "updated_at"])
            _thaw(card_payment.basket_id)
            if stripe_confirmed:
                _mark_released(card_payment)
    return CardOutcome(card_payment, error=card_payment.failure_message or message)


def release_payment(card_payment, intent, error: str) -> CardOutcome:
    """No order for this payment: cancel the authorisation, or refund captured money."""
    if card_payment.status not in (Status.CANCELLED, Status.FAILED, Status.REFUNDED):
        with transaction.atomic():
            card_payment = CardPayment.objects.select_for_update().get(pk=card_payment.pk)
            if card_payment.order_id is None and card_payment.status not in (
                Status.CANCELLED,
                Status.FAILED,
                Status.REFUNDED,
            ):
                card_payment.status = Status.CANCELLED
                card_payment.failure_message = error
                card_payment.save(update_fields=["status", "failure_message", "updated_at"])
                _thaw(card_payment.basket_id)
    if card_payment.order_id is not None:
        return CardOutcome(card_payment, order=card_payment.order)
    # Stripe errors propagate from here: money_released_at stays empty, so the
    # expiry command tries again.
    if intent.status in ("requires_capture", "requires_action", "requires_confirmation"):
        gateway.cancel_payment(intent.id, idempotency_key=f"cancel-{card_payment.idempotency_key}")
    elif intent.status == "succeeded" and card_payment.status != Status.REFUNDED:
        gateway.refund_payment(intent.id, idempotency_key=f"refund-{card_payment.idempotency_key}")
        CardPayment.objects.filter(pk=card_payment.pk).update(status=Status.REFUNDED)
    _mark_released(card_payment)
    card_payment.refresh_from_db()
    logger.info("Card payment %s released: %s", card_payment.pk, error)
    return CardOutcome(card_payment, error=card_payment.failure_message, back_to_basket=True)


def _mark_released(card_payment) -> None:
    """Stripe holds nothing for this payment any more."""
    CardPayment.objects.filter(pk=card_payment.pk, money_released_at__isnull=True).update(
        money_released_at=timezone.now()
    )


def _thaw(basket_id: int) -> None:
    """Open the basket again (caller holds the card payment's lock)."""
    Basket._default_manager.filter(pk=basket_id, status=Basket.FROZEN).update(status=Basket.OPEN)
