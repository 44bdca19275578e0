"""Staff refunds of order lines: give the buyer's money back and take it off the artisan.

A centre manager refunds lines made by their centre's artisans, an administrator any
line; a whole line or some of its units. One transaction, holding the order line's
row lock from the first read to the last write, so two refunds of one line (a double
click, two managers at once) queue up and the second sees what the first refunded:

1. how much is left is read from the artisan ledger's refund entries;
2. the artisan's ledger gets the refund (``sales.services.post_line_refund``, which
   also returns the matching commission and PPh 22);
3. the money goes back: a card order through Stripe (the exact minor-unit amount,
   with an idempotency key made from the refund's reference), a bank-transfer order
   as a manual transfer whose bank reference the manager records;
4. Oscar's payment event (with the line quantity), the payment source's refunded
   amount, an order note, and the audit event are written; optionally the pieces go
   back to stock; the buyer is e-mailed in their language once it all commits.

A refund is identified by its reference (``refund:<form key>``): the same form sent
twice records one refund and calls Stripe once. If Stripe refuses, nothing is
written. Amounts are the line's shares of what the buyer paid for it, computed on the
units refunded so far, so refunding every unit gives back the line price exactly.
"""

import logging
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from marketplace.audit.models import AuditEvent
from marketplace.audit.services import record_audit_event
from marketplace.centres import roles
from marketplace.core.mail import send_in_language
from marketplace.core.money import to_minor_units
from marketplace.oscar_apps.order.statuses import OrderStatus
from marketplace.payments import gateway
from marketplace.sales import services as sales_services
from marketplace.sales.models import EntryKind, LedgerEntry
from marketplace.stock.models import StockChangeReason, StockChangeSource
from marketplace.stock.services import StockChange, apply_stock_changes

Line = get_model("order", "Line")
Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
EventHandler = get_class("order.processing", "EventHandler")
PaymentEventType = get_model("order", "PaymentEventType")
Source = get_model("payment", "Source")
StockRecord = get_model("partner", "StockRecord")

logger = logging.getLogger("marketplace.backoffice")

REFUNDABLE_STATUSES = (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.COMPLETE)
REFUND_EVENT = "Refunded"


class RefundRefused(Exception):
    """The refund is not possible (nothing left, order not paid, no bank reference…)."""


class Method:
    CARD = "card"
    BANK_TRANSFER = "bank_transfer"


@dataclass(frozen=True)
class RefundResult:
    line_id: int
    quantity: int
    amount: Decimal
    currency: str
    method: str
    payment_reference: str  # Stripe's refund id, or the bank transfer's reference
    reference: str  # the ledger's reference for this refund
    created: bool  # False when this reference had been refunded already


def can_refund_line(user, line) -> bool:
    """An administrator, or a manager of the centre the line was sold for."""
    if roles.is_marketplace_admin(user):
        return True
    return bool(line.centre_id) and roles.managed_centres(user).filter(pk=line.centre_id).exists()


def refunded_so_far(line_ids) -> dict[int, tuple[int, Decimal]]:
    """Units and amount of each line refunded so far, from the artisan ledger (one
    query): the ledger's refund entries are what the buyer was paid back."""
    return {
        line_id: (units, -amount)
        for line_id, units, amount in LedgerEntry.objects.filter(
            order_line_id__in=list(line_ids), kind=EntryKind.REFUND
        )
        .values("order_line_id")
        .annotate(units=Sum("quantity"), amount=Sum("amount"))
        .values_list("order_line_id", "units", "amount")
    }


def payment_method(order) -> str:
    if getattr(order, "bank_transfer", None) is not None:
        return Method.BANK_TRANSFER
    return Method.CARD


def refund_order_line(
    *,
    line_id: int,
    quantity: int,
    user,
    request_key: str,
    bank_reference: str = "",
    restock: bool = False,
) -> RefundResult:
    """Refund ``quantity`` units of order line ``line_id`` (see the module docstring).

    ``request_key`` identifies the refund form shown to the user (a fresh random
    value per form): sending it again returns the first refund's result. Raises
    ``PermissionDenied`` for a line outside the user's centres and
    :class:`RefundRefused` when there is nothing to refund, the order is not paid,
    or a bank-transfer refund lacks its bank reference. Either way nothing changes.
    """
    if not request_key:
        raise RefundRefused(_("This refund form has expired: open the order again."))
    reference = f"refund:{request_key}"[:128]
    with transaction.atomic():
        line = Line.objects.select_for_update(of=("self",)).select_related("order").get(pk=line_id)
        order = line.order
        if not can_refund_line(user, line):
            raise PermissionDenied(_("Only a manager of this line's centre may refund it."))
        done = list(
            LedgerEntry.objects.filter(
                order_line=line, kind=EntryKind.REFUND, reference=reference
            ).values_list("quantity", "amount")
        )
        method = payment_method(order)
        if done:
            (units, amount), *_rest = done
            return RefundResult(
                line.pk, units, -amount, order.currency, method, "", reference, created=False
            )
        if order.status not in REFUNDABLE_STATUSES:
            raise RefundRefused(
                _("Order %(number)s is not paid (status %(status)s): there is nothing to refund.")
                % {"number": order.number, "status": order.status}
            )
        before = refunded_so_far([line.pk]).get(line.pk, (0, 0))[0]
        left = line.quantity - before
        if quantity < 1 or quantity > left:
            raise RefundRefused(
                _("Only %(left)d of %(whole)d units of this line are left to refund.")
                % {"left": left, "whole": line.quantity}
            )
        bank_reference = bank_reference.strip()
        if method == Method.BANK_TRANSFER and not bank_reference:
            raise RefundRefused(_("Give the reference of the bank transfer you sent the buyer."))
        try:
            entries = sales_services.post_line_refund(
                line=line, quantity=quantity, reference=reference, user=user
            )
        except ValidationError as error:
            raise RefundRefused(" ".join(error.messages)) from error
        # The buyer gets back exactly what the artisan's ledger takes back (the line's
        # share of the sale, rounded so that every step adds up to the whole line).
        amount = -next(entry.amount for entry in entries if entry.kind == EntryKind.REFUND)
        if method == Method.CARD:
            payment_reference = _refund_card(order, amount=amount, idempotency_key=reference)
        else:
            payment_reference = bank_reference
        _record_payment(
            order,
            line,
            quantity=quantity,
            amount=amount,
            payment_reference=payment_reference,
            user=user,
        )
        if restock:
            _return_to_stock(line, quantity=quantity, user=user, order=order)
        record_audit_event(
            actor=user,
            action=AuditEvent.Action.ORDER_REFUNDED,
            target=order,
            before={"line": line.pk, "refunded_units": before},
            after={
                "line": line.pk,
                "refunded_units": before + quantity,
                "amount": str(amount),
                "currency": order.currency,
                "method": method,
                "payment_reference": payment_reference,
                "restocked": restock,
            },
            centre=line.centre_id,
        )
        transaction.on_commit(
            partial(
                send_refund_email,
                order_id=order.pk,
                line_id=line.pk,
                quantity=quantity,
                amount=amount,
            ),
            robust=True,
        )
    logger.info(
        "Order %s line %s: %s unit(s) refunded (%s %s) by user %s",
        order.number,
        line.pk,
        quantity,
        amount,
        order.currency,
        user.pk,
    )
    return RefundResult(
        line.pk, quantity, amount, order.currency, method, payment_reference, reference, True
    )


def _refund_card(order, *, amount: Decimal, idempotency_key: str) -> str:
    payment = getattr(order, "card_payment", None)
    if payment is None or not payment.payment_intent_id:
        raise RefundRefused(_("This order has no card payment to refund."))
    if payment.currency != order.currency:
        raise RefundRefused(_("The card payment is in another currency than the order."))
    try:
        return gateway.refund_payment(
            payment.payment_intent_id,
            idempotency_key=idempotency_key,
            amount_minor=to_minor_units(amount, order.currency),
        )
    except gateway.GatewayError as error:
        raise RefundRefused(
            _("Stripe did not refund the card: %(reason)s") % {"reason": error}
        ) from error


def _record_payment(order, line, *, quantity: int, amount: Decimal, payment_reference: str, user):
    """Oscar's refund payment event for ``quantity`` of ``line``, the refund on the
    order's payment source and a note signed by ``user`` (Oscar's event handler)."""
    handler = EventHandler(user)
    handler.create_payment_event(
        order,
        PaymentEventType.objects.get_or_create(name=REFUND_EVENT)[0],
        amount,
        lines=[line],
        line_quantities=[quantity],
        reference=payment_reference,
    )
    source = Source.objects.select_for_update().filter(order=order).order_by("pk").first()
    if source is not None:
        source.refund(amount, reference=payment_reference)
    handler.create_note(
        order,
        _("%(quantity)d × %(title)s refunded: %(amount)s %(currency)s (%(reference)s).")
        % {
            "quantity": quantity,
            "title": line.title,
            "amount": amount,
            "currency": order.currency,
            "reference": payment_reference,
        },
        note_type=OrderNote.SYSTEM,
    )


def _return_to_stock(line, *, quantity: int, user, order) -> None:
    """Put refunded pieces back on sale: a held allocation is released, shipped
    pieces come back through the stock ledger (reason *returned*)."""
    if not line.stockrecord_id:
        return
    held = min(line.num_allocated or 0, quantity)
    if held:
        StockRecord.objects.select_for_update().filter(pk=line.stockrecord_id).first()
        line.cancel_allocation(held)
    returned = quantity - held
    if returned:
        apply_stock_changes(
            changes=[
                StockChange(
                    stockrecord_id=line.stockrecord_id,
                    reason=StockChangeReason.RETURNED,
                    change=returned,
                    note=_("Refund of order %(number)s") % {"number": order.number},
                )
            ],
            actor=None,  # the refund was authorised above; managers own no stock
            source=StockChangeSource.DASHBOARD,
        )


def send_refund_email(*, order_id: int, line_id: int, quantity: int, amount: Decimal) -> int:
    """Tell the buyer, in the language they ordered in, what was refunded."""
    order = Order.objects.select_related("user").get(pk=order_id)
    line = Line.objects.get(pk=line_id)
    return send_in_language(
        language=order.language,
        template_prefix="backoffice/emails/refund",
        context={
            "order": order,
            "line": line,
            "quantity": quantity,
            "amount": amount,
            "currency": order.currency,
            "method": payment_method(order),
        },
        to=[order.email],
    )
