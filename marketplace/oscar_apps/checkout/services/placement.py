"""Placing an order from a basket and the checkout's choices, without a request.

Both payment methods end here: a card payment (from the browser, or from a webhook
after the buyer closed the tab) and a bank transfer. The basket is priced again with
the strategy of the currency and exchange rate the buyer paid in, and the order is
written by our ``OrderCreator``, which locks and re-checks stock first.
"""

import logging
from dataclasses import dataclass

from django.contrib.sites.models import Site
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model
from phonenumber_field.phonenumber import PhoneNumber

from marketplace.audit.models import AuditEvent
from marketplace.audit.services import record_audit_event
from marketplace.core.money import to_minor_units
from marketplace.payments.models import ExchangeRate

Applicator = get_class("offer.applicator", "Applicator")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Repository = get_class("shipping.repository", "Repository")
Selector = get_class("partner.strategy", "Selector")
PriceChanged = get_class("order.exceptions", "PriceChanged")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
ShippingUnavailable = get_class("order.exceptions", "ShippingUnavailable")

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
PaymentEventType = get_model("order", "PaymentEventType")
ShippingAddress = get_model("order", "ShippingAddress")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
StockRecord = get_model("partner", "StockRecord")
UserAddress = get_model("address", "UserAddress")

logger = logging.getLogger("marketplace.checkout")


@dataclass(frozen=True)
class CheckoutData:
    """Everything besides the basket that an order is placed from.

    Plain values, so a card payment can store them and a webhook can place the
    order later exactly as the buyer chose it.
    """

    user: object | None
    guest_email: str
    shipping_address: dict
    shipping_method_code: str
    currency: str
    exchange_rate: ExchangeRate | None
    language: str


def address_fields(address) -> dict:
    """An unsaved shipping address as JSON-safe field values (without its id)."""
    fields = {}
    for field in ShippingAddress._meta.concrete_fields:
        if field.primary_key or field.name == "search_text":
            continue
        value = getattr(address, field.attname)
        if isinstance(value, PhoneNumber):
            value = value.as_e164 if value.is_valid() else str(value)
        fields[field.attname] = value
    return fields


def priced_basket(basket_id: int, data: CheckoutData):
    """The basket, priced in the checkout's currency and rate, with its offers applied."""
    basket = Basket._default_manager.get(pk=basket_id)
    basket.strategy = Selector().strategy(currency=data.currency, rate=data.exchange_rate)
    Applicator().apply(basket, data.user)
    return basket


def order_totals(basket, data: CheckoutData):
    """``(unsaved shipping address, shipping method, shipping charge, order total)``."""
    shipping_address = ShippingAddress(**data.shipping_address)
    methods = Repository().get_shipping_methods(
        basket=basket, shipping_addr=shipping_address, user=data.user
    )
    method = next((m for m in methods if m.code == data.shipping_method_code), None)
    if method is None:
        raise ShippingUnavailable()
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    return shipping_address, method, charge, total


def place_order_from_checkout(
    *,
    basket,
    data: CheckoutData,
    order_number: str,
    status: str,
    expected_total_minor: int | None = None,
):
    """Write the order for ``basket`` (priced by :func:`priced_basket`) and submit the basket.

    Must run inside a transaction, which the caller rolls back on any exception:
    ``SoldOut`` (raised under the stock lock, before anything is written),
    ``PriceChanged`` (the total is not what the buyer authorised) or
    ``ShippingUnavailable``.
    """
    if Order.objects.filter(number=order_number).exists():
        raise UnableToPlaceOrder(_("This basket has already been ordered."))
    shipping_address, method, charge, total = order_totals(basket, data)
    if (
        expected_total_minor is not None
        and to_minor_units(total.incl_tax, total.currency) != expected_total_minor
    ):
        raise PriceChanged()
    shipping_address.save()
    order = OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=charge,
        user=data.user,
        shipping_address=shipping_address,
        order_number=order_number,
        status=status,
        guest_email="" if data.user else data.guest_email,
        language=data.language,
    )
    if data.user is not None:
        _remember_address(data.user, shipping_address)
    basket.submit()
    return order


def _remember_address(user, shipping_address) -> None:
    """Keep the address in the buyer's address book, as Oscar's checkout does."""
    address = UserAddress.objects.filter(user=user, hash=shipping_address.generate_hash()).first()
    if address is None:
        address = UserAddress(user=user)
        shipping_address.populate_alternative_model(address)
    address.num_orders_as_shipping_address += 1
    address.save()


def add_payment_source(*, order, source_type: str, reference: str):
    source_type_obj, _ = SourceType.objects.get_or_create(name=source_type)
    return Source.objects.create(
        order=order,
        source_type=source_type_obj,
        currency=order.currency,
        amount_allocated=order.total_incl_tax,
        reference=reference,
    )


def audit_payment_confirmed(order, *, actor, before: dict, after: dict) -> None:
    """One PAYMENT_CONFIRMED audit event per centre of ``order`` (each centre's manager
    sees their own), or one without a centre for an order of no centre."""
    centre_ids = set(order.lines.values_list("centre_id", flat=True))
    for centre_id in sorted(c for c in centre_ids if c is not None) or [None]:
        record_audit_event(
            actor=actor,
            action=AuditEvent.Action.PAYMENT_CONFIRMED,
            target=order,
            before=before,
            after=after,
            centre=centre_id,
        )


def record_payment_event(*, order, event_type: str, reference: str = "") -> None:
    """An Oscar payment event for the whole order (shown in the dashboard)."""
    event = PaymentEvent.objects.create(
        order=order,
        event_type=PaymentEventType.objects.get_or_create(name=event_type)[0],
        amount=order.total_incl_tax,
        reference=reference,
    )
    PaymentEventQuantity.objects.bulk_create(
        PaymentEventQuantity(event=event, line=line, quantity=line.quantity)
        for line in order.lines.all()
    )


def release_order_stock(order) -> None:
    """Give the pieces ``order`` still holds back to stock (caller holds a transaction).

    The stock records are locked in primary-key order first, like placements lock
    them, so a release and a placement never deadlock. Idempotent.
    """
    lines = [line for line in order.lines.all() if line.num_allocated]
    if not lines:
        return
    list(
        StockRecord.objects.select_for_update()
        .filter(pk__in=[line.stockrecord_id for line in lines if line.stockrecord_id])
        .order_by("pk")
    )
    for line in lines:
        line.cancel_allocation(line.num_allocated)


def cancel_order(*, order, status: str, note: str) -> None:
    """Cancel ``order`` and give its pieces back to stock (caller holds a transaction)."""
    release_order_stock(order)
    order.set_status(status)
    OrderNote.objects.create(order=order, note_type=OrderNote.SYSTEM, message=note)


def send_order_placed_email(order_id: int) -> None:
    """Oscar's order confirmation, in the buyer's language, with payment instructions."""
    order = (
        Order.objects.select_related("user", "shipping_address", "bank_transfer")
        .prefetch_related("lines")
        .get(pk=order_id)
    )
    with translation.override(order.language):
        context = order_message_context(order)
        OrderDispatcher(logger=logger).send_order_placed_email_for_user(order, context)


def order_message_context(order) -> dict:
    site = Site.objects.get_current()
    if order.user_id:
        path = reverse("customer:order", kwargs={"order_number": order.number})
    else:
        path = reverse(
            "customer:anon-order",
            kwargs={"order_number": order.number, "hash": order.verification_hash()},
        )
    return {
        "user": order.user,
        "order": order,
        "lines": order.lines.all(),
        "site": site,
        "status_path": path,
        "status_url": f"https://{site.domain}{path}",
        "bank_transfer": getattr(order, "bank_transfer", None),
    }


def on_commit_send_order_placed_email(order) -> None:
    order_id = order.pk
    # robust: a failing mail server is logged and never undoes or stalls a placed order.
    transaction.on_commit(lambda: send_order_placed_email(order_id), robust=True)
