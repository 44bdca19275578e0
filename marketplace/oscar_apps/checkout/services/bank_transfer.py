"""Bank transfer for domestic buyers: the order holds its stock until the money arrives.

The order is placed at once (stock locked, re-checked and allocated), as *awaiting
payment*. A manager of a centre whose pieces are in the order, or a marketplace
administrator, confirms receipt; ``expire_unpaid_orders`` (cron) cancels the orders
whose hold ran out and gives their pieces back to stock. The buyer is mailed, in the
language of the order, when the money is confirmed and when the order expires.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from marketplace.centres.roles import is_marketplace_admin, managed_centres
from marketplace.core.mail import send_in_language
from marketplace.oscar_apps.order.statuses import OrderStatus
from marketplace.payments.models import Currency

from .placement import (
    CheckoutData,
    add_payment_source,
    audit_payment_confirmed,
    cancel_order,
    on_commit_send_order_placed_email,
    order_message_context,
    place_order_from_checkout,
    priced_basket,
    record_payment_event,
)

UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
Basket = get_model("basket", "Basket")
BankTransfer = get_model("order", "BankTransfer")
Order = get_model("order", "Order")
Source = get_model("payment", "Source")

logger = logging.getLogger("marketplace.checkout")

BANK_TRANSFER_SOURCE_TYPE = "Bank transfer"


class TransferNotConfirmable(Exception):
    """The order is no longer waiting for a transfer (expired or cancelled)."""


def place_bank_transfer_order(*, basket_id: int, data: CheckoutData, expected_total_minor: int):
    """Place the basket's order as awaiting a transfer, holding its stock.

    ``expected_total_minor`` is the total the buyer saw. Raises ``SoldOut`` when a
    piece went to another buyer, ``PriceChanged`` when the total moved (nothing is
    written either way).
    """
    if data.currency != Currency.IDR:
        raise UnableToPlaceOrder(_("Bank transfer is only available for payments in rupiah."))
    with transaction.atomic():
        basket = Basket._default_manager.select_for_update().get(pk=basket_id)
        if basket.status != Basket.OPEN:
            raise UnableToPlaceOrder(_("This basket is already being paid for."))
        priced = priced_basket(basket.pk, data)
        order = place_order_from_checkout(
            basket=priced,
            data=data,
            order_number=str(OrderNumberGenerator().order_number(priced)),
            status=OrderStatus.AWAITING_PAYMENT,
            expected_total_minor=expected_total_minor,
        )
        BankTransfer.objects.create(
            order=order,
            amount=order.total_incl_tax,
            currency=order.currency,
            expires_at=timezone.now() + timedelta(hours=settings.BANK_TRANSFER_HOLD_HOURS),
        )
        add_payment_source(
            order=order, source_type=BANK_TRANSFER_SOURCE_TYPE, reference=order.number
        )
        on_commit_send_order_placed_email(order)
    logger.info("Order %s placed, awaiting bank transfer", order.number)
    return order


def can_confirm_bank_transfer(user, order) -> bool:
    """Administrators, and managers of a centre with a line in the order."""
    if is_marketplace_admin(user):
        return True
    return order.lines.filter(centre__in=managed_centres(user)).exists()


def confirm_bank_transfer(*, order, user) -> "BankTransfer":
    """Record that the buyer's transfer arrived: the order is paid.

    Raises ``PermissionDenied`` for anyone else than :func:`can_confirm_bank_transfer`
    allows, and :class:`TransferNotConfirmable` once the hold expired (the stock
    went back on sale). Confirming twice is harmless.
    """
    if not can_confirm_bank_transfer(user, order):
        raise PermissionDenied
    with transaction.atomic():
        transfer = BankTransfer.objects.select_for_update().select_related("order").get(order=order)
        if transfer.status == BankTransfer.Status.CONFIRMED:
            return transfer
        if (
            transfer.status != BankTransfer.Status.AWAITING
            or transfer.order.status != OrderStatus.AWAITING_PAYMENT
        ):
            raise TransferNotConfirmable(
                _("Order %(number)s is no longer awaiting payment: its pieces went back on sale.")
                % {"number": order.number}
            )
        transfer.status = BankTransfer.Status.CONFIRMED
        transfer.confirmed_by = user
        transfer.confirmed_at = timezone.now()
        transfer.save(update_fields=["status", "confirmed_by", "confirmed_at"])
        paid_order = transfer.order
        source = Source.objects.filter(order=paid_order).first()
        if source is not None:
            source.debit(paid_order.total_incl_tax, reference=paid_order.number)
        record_payment_event(order=paid_order, event_type="Paid", reference=paid_order.number)
        paid_order.set_status(OrderStatus.PAID)
        audit_payment_confirmed(
            paid_order,
            actor=user,
            before={"status": OrderStatus.AWAITING_PAYMENT},
            after={"status": OrderStatus.PAID, "method": "bank_transfer"},
        )
        on_commit_send_transfer_email(paid_order, CONFIRMED_EMAIL)
    logger.info("Order %s: bank transfer confirmed by user %s", order.number, user.pk)
    return transfer


def expire_bank_transfers(*, now=None) -> list[str]:
    """Cancel orders whose transfer did not arrive in time; return their numbers."""
    now = now or timezone.now()
    expired = []
    due = BankTransfer.objects.filter(
        status=BankTransfer.Status.AWAITING, expires_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            transfer = BankTransfer.objects.select_for_update().select_related("order").get(pk=pk)
            if transfer.status != BankTransfer.Status.AWAITING or transfer.expires_at > now:
                continue  # confirmed meanwhile
            if transfer.order.status == OrderStatus.AWAITING_PAYMENT:
                cancel_order(
                    order=transfer.order,
                    status=OrderStatus.CANCELLED,
                    note=_("Bank transfer not received in time; stock released."),
                )
                on_commit_send_transfer_email(transfer.order, EXPIRED_EMAIL)
            transfer.status = BankTransfer.Status.EXPIRED
            transfer.save(update_fields=["status"])
            expired.append(transfer.order.number)
    return expired


CONFIRMED_EMAIL = "transfer_confirmed"
EXPIRED_EMAIL = "transfer_expired"


def on_commit_send_transfer_email(order, kind: str) -> None:
    # robust: a failing mail server never undoes a confirmation or an expiry.
    transaction.on_commit(partial(send_transfer_email, order_id=order.pk, kind=kind), robust=True)


def send_transfer_email(*, order_id: int, kind: str) -> int:
    """Tell the buyer, in their language, that their transfer arrived (``CONFIRMED_EMAIL``)
    or that the order was cancelled for want of it (``EXPIRED_EMAIL``)."""
    order = Order.objects.select_related("user", "bank_transfer").get(pk=order_id)
    return send_in_language(
        language=order.language,
        template_prefix=f"checkout/emails/{kind}",
        context={**order_message_context(order), "transfer": order.bank_transfer},
        to=[order.email],
    )
