"""Staff refunds of order lines: exact amounts, one refund per form, never beyond the line."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connections
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from marketplace.audit.models import AuditEvent
from marketplace.backoffice import refunds
from marketplace.oscar_apps.order.statuses import OrderStatus
from marketplace.payments import gateway
from marketplace.sales import services as sales_services
from marketplace.sales.models import EntryKind, LedgerEntry
from tests.checkout.flow import card_token
from tests.factories import (
    ArtisanFactory,
    ProductFactory,
    UserFactory,
    centre_manager,
    placed_order,
)

Basket = get_model("basket", "Basket")
BankTransfer = get_model("order", "BankTransfer")
CardPayment = get_model("order", "CardPayment")
Line = get_model("order", "Line")
PaymentEvent = get_model("order", "PaymentEvent")
StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def stripe_refunds(fake_stripe, monkeypatch):
    """Every refund sent to the (offline) Stripe, as (intent, minor units, key)."""
    sent = []
    real = gateway.refund_payment

    def spy(intent_id, *, idempotency_key, amount_minor=None):
        refund_id = real(intent_id, idempotency_key=idempotency_key, amount_minor=amount_minor)
        sent.append((intent_id, amount_minor, idempotency_key))
        return refund_id

    monkeypatch.setattr(gateway, "refund_payment", spy)
    return sent


def card_order(artisan, *, quantity, unit_price, currency="IDR", language="id", line_total=None):
    """A paid card order of one line, captured in the offline Stripe, earnings posted."""
    product = ProductFactory(artisan=artisan)
    order = placed_order((product, quantity, unit_price), currency=currency)
    line = order.lines.get()
    if line_total is not None:  # a line price that does not divide by its quantity
        Line.objects.filter(pk=line.pk).update(line_price_incl_tax=Decimal(line_total))
        order.total_incl_tax = Decimal(line_total)
    order.language = language
    order.save()
    minor = int(order.total_incl_tax * 100)
    intent = gateway.create_card_payment(
        amount_minor=minor,
        currency=currency,
        card_token=card_token(),
        metadata={"order_number": order.number},
        idempotency_key=f"create-{order.number}",
    )
    gateway.capture_payment(intent.id, idempotency_key=f"capture-{order.number}")
    CardPayment.objects.create(
        payment_intent_id=intent.id,
        status=CardPayment.Status.CAPTURED,
        basket=Basket.objects.create(),
        order_number=order.number,
        order=order,
        language=language,
        currency=currency,
        amount=order.total_incl_tax,
        amount_minor=minor,
        shipping_address={},
        shipping_method_code="free",
    )
    sales_services.post_order_earnings(order=order)
    return order, Line.objects.get(pk=line.pk)


def transfer_order(artisan, *, quantity=2, unit_price="200000"):
    product = ProductFactory(artisan=artisan, stock__num_in_stock=5)
    order = placed_order((product, quantity, unit_price))
    # Paid, not shipped: the pieces are still held for the order.
    StockRecord.objects.filter(product=product).update(num_allocated=quantity)
    BankTransfer.objects.create(
        order=order,
        amount=order.total_incl_tax,
        status=BankTransfer.Status.CONFIRMED,
        expires_at=timezone.now() + timedelta(hours=1),
    )
    sales_services.post_order_earnings(order=order)
    return order, order.lines.get()


def refund_entries(line):
    return list(
        LedgerEntry.objects.filter(order_line=line, kind=EntryKind.REFUND)
        .order_by("pk")
        .values_list("quantity", "amount")
    )


def snapshot(line):
    """Everything a refund writes, to prove a refused one wrote nothing."""
    return (
        LedgerEntry.objects.filter(order_line=line).count(),
        PaymentEvent.objects.filter(order=line.order_id).count(),
        AuditEvent.objects.filter(action=AuditEvent.Action.ORDER_REFUNDED).count(),
        list(StockRecord.objects.values_list("pk", "num_in_stock", "num_allocated")),
    )


# --- The service ---------------------------------------------------------------------
@pytest.mark.django_db
def test_a_card_refund_in_rupiah_sends_stripe_the_exact_minor_units(
    stripe_refunds, django_capture_on_commit_callbacks
):
    artisan = ArtisanFactory()
    order, line = card_order(artisan, quantity=3, unit_price="150000", language="en")
    manager = centre_manager(artisan.centre)
    with django_capture_on_commit_callbacks(execute=True):
        result = refunds.refund_order_line(
            line_id=line.pk, quantity=2, user=manager, request_key="k1"
        )
    assert (result.amount, result.currency, result.method) == (Decimal("300000"), "IDR", "card")
    # Stripe counts rupiah in hundredths: Rp300.000 is 30 000 000.
    assert stripe_refunds == [(order.card_payment.payment_intent_id, 30_000_000, "refund:k1")]
    assert refund_entries(line) == [(2, Decimal("-300000.00"))]
    event = PaymentEvent.objects.get(order=order, event_type__name="Refunded")
    assert (event.amount, event.reference) == (Decimal("300000.00"), result.payment_reference)
    assert [(q.line_id, q.quantity) for q in event.line_quantities.all()] == [(line.pk, 2)]
    audit = AuditEvent.objects.get(action=AuditEvent.Action.ORDER_REFUNDED)
    assert (audit.actor_id, audit.centre_id, audit.after["amount"]) == (
        manager.pk,
        artisan.centre_id,
        "300000",
    )
    (message,) = mail.outbox
    assert message.to == ["buyer@example.com"]
    assert message.subject == f"Refund for your order {order.number}"
    assert f"2 × {line.title}: IDR300,000" in message.body.splitlines()


@pytest.mark.django_db
def test_the_buyer_is_mailed_in_their_own_language(
    stripe_refunds, django_capture_on_commit_callbacks
):
    artisan = ArtisanFactory()
    order, line = card_order(artisan, quantity=1, unit_price="99000", language="id")
    with django_capture_on_commit_callbacks(execute=True):
        refunds.refund_order_line(
            line_id=line.pk, quantity=1, user=centre_manager(artisan.centre), request_key="k"
        )
    (message,) = mail.outbox
    assert order.number in message.subject
    with translation.override("id"):
        rupiah = currency(Decimal("99000"), "IDR")
    assert rupiah != "IDR99,000"  # what an English mail would say
    assert f"1 × {line.title}: {rupiah}" in message.body.splitlines()


@pytest.mark.django_db
def test_usd_refunds_in_steps_add_up_to_the_line_price_to_the_cent(stripe_refunds):
    artisan = ArtisanFactory()
    # Three pieces for US$10.00: no unit price divides it evenly.
    _order, line = card_order(
        artisan, quantity=3, unit_price="3.33", currency="USD", line_total="10.00"
    )
    manager = centre_manager(artisan.centre)
    amounts = [
        refunds.refund_order_line(
            line_id=line.pk, quantity=1, user=manager, request_key=f"step-{i}"
        ).amount
        for i in range(3)
    ]
    assert amounts == [Decimal("3.33"), Decimal("3.34"), Decimal("3.33")]
    assert [minor for _i, minor, _k in stripe_refunds] == [333, 334, 333]
    assert sum(amounts) == Decimal("10.00")
    with pytest.raises(refunds.RefundRefused, match="Only 0 of 3 units"):
        refunds.refund_order_line(line_id=line.pk, quantity=1, user=manager, request_key="four")
    assert len(stripe_refunds) == 3


@pytest.mark.django_db
def test_sending_the_same_refund_form_twice_refunds_once(stripe_refunds):
    artisan = ArtisanFactory()
    _order, line = card_order(artisan, quantity=2, unit_price="125000")
    manager = centre_manager(artisan.centre)
    first = refunds.refund_order_line(line_id=line.pk, quantity=1, user=manager, request_key="f")
    again = refunds.refund_order_line(line_id=line.pk, quantity=1, user=manager, request_key="f")
    assert (first.created, again.created, again.amount) == (True, False, Decimal("125000.00"))
    assert len(stripe_refunds) == 1
    assert refund_entries(line) == [(1, Decimal("-125000.00"))]


@pytest.mark.django_db
def test_a_bank_transfer_refund_needs_the_managers_bank_reference_and_can_restock(fake_stripe):
    artisan = ArtisanFactory()
    order, line = transfer_order(artisan, quantity=2)
    manager = centre_manager(artisan.centre)
    record = StockRecord.objects.get(pk=line.stockrecord_id)
    level = (record.num_in_stock, record.num_allocated)
    with pytest.raises(refunds.RefundRefused, match="reference of the bank transfer"):
        refunds.refund_order_line(line_id=line.pk, quantity=1, user=manager, request_key="b")
    assert refund_entries(line) == []
    result = refunds.refund_order_line(
        line_id=line.pk,
        quantity=1,
        user=manager,
        request_key="b",
        bank_reference="BCA-7781",
        restock=True,
    )
    assert (result.amount, result.method, result.payment_reference) == (
        Decimal("200000"),
        "bank_transfer",
        "BCA-7781",
    )
    assert refund_entries(line) == [(1, Decimal("-200000.00"))]
    event = PaymentEvent.objects.get(order=order, event_type__name="Refunded")
    assert (event.amount, event.reference) == (Decimal("200000.00"), "BCA-7781")
    record.refresh_from_db()
    # placed_order leaves the pieces allocated (not shipped): the hold on one is released.
    assert (record.num_in_stock, record.num_allocated) == (level[0], level[1] - 1)


@pytest.mark.django_db
def test_another_centres_manager_cannot_refund_and_nothing_changes(stripe_refunds):
    artisan = ArtisanFactory()
    _order, line = card_order(artisan, quantity=1, unit_price="500000")
    outsider = centre_manager(ArtisanFactory().centre)
    before = snapshot(line)
    with pytest.raises(PermissionDenied):
        refunds.refund_order_line(line_id=line.pk, quantity=1, user=outsider, request_key="x")
    assert snapshot(line) == before
    assert stripe_refunds == []


@pytest.mark.django_db
def test_an_unpaid_order_is_not_refunded(fake_stripe):
    artisan = ArtisanFactory()
    order = placed_order(
        (ProductFactory(artisan=artisan), 1, "100000"), status=OrderStatus.AWAITING_PAYMENT
    )
    with pytest.raises(refunds.RefundRefused, match="not paid"):
        refunds.refund_order_line(
            line_id=order.lines.get().pk,
            quantity=1,
            user=UserFactory(is_superuser=True, is_staff=True),
            request_key="u",
        )


@pytest.mark.django_db
def test_stripe_refusing_leaves_no_trace(stripe_refunds, monkeypatch):
    artisan = ArtisanFactory()
    _order, line = card_order(artisan, quantity=1, unit_price="500000")
    before = snapshot(line)

    def refuse(*args, **kwargs):
        raise gateway.GatewayError("No such payment_intent")

    monkeypatch.setattr(gateway, "refund_payment", refuse)
    with pytest.raises(refunds.RefundRefused, match="No such payment_intent"):
        refunds.refund_order_line(
            line_id=line.pk, quantity=1, user=centre_manager(artisan.centre), request_key="s"
        )
    assert snapshot(line) == before


# --- The page --------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_manager_refunds_from_the_order_page(client, stripe_refunds):
    artisan = ArtisanFactory()
    order, line = card_order(artisan, quantity=2, unit_price="175000")
    other_line = placed_order((ProductFactory(), 1, "10"), number=None).lines.get()
    client.force_login(centre_manager(artisan.centre))
    page = client.get(reverse("backoffice:order", args=[order.number]))
    assert [row.line.pk for row in page.context["rows"]] == [line.pk]
    assert other_line.title not in page.content.decode()
    key = page.context["request_key"]
    url = reverse("backoffice:refund-line", args=[order.number, line.pk])
    response = client.post(url, {"quantity": "1", "request_key": key})
    assert response["Location"] == reverse("backoffice:order", args=[order.number])
    client.post(url, {"quantity": "1", "request_key": key})  # the double click
    assert refund_entries(line) == [(1, Decimal("-175000.00"))]
    messages = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert messages == ["Refunded 1 unit(s): 175000 IDR.", "This refund was already recorded."]


@pytest.mark.django_db
def test_another_centres_line_is_not_found_and_nothing_changes(client, stripe_refunds):
    artisan = ArtisanFactory()
    order, line = card_order(artisan, quantity=1, unit_price="500000")
    client.force_login(centre_manager(ArtisanFactory().centre))
    before = snapshot(line)
    assert client.get(reverse("backoffice:order", args=[order.number])).status_code == 404
    response = client.post(
        reverse("backoffice:refund-line", args=[order.number, line.pk]),
        {"quantity": "1", "request_key": "x"},
    )
    assert response.status_code == 404
    assert snapshot(line) == before
    assert stripe_refunds == []


# --- Concurrency (PostgreSQL) ----------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_concurrent_refunds_of_the_last_unit_refund_it_once(needs_postgres, stripe_refunds):
    artisan = ArtisanFactory()
    _order, line = card_order(artisan, quantity=1, unit_price="750000")
    manager = centre_manager(artisan.centre)
    barrier = threading.Barrier(4)
    outcomes = []

    def refund(key):
        try:
            barrier.wait()
            outcomes.append(
                refunds.refund_order_line(
                    line_id=line.pk, quantity=1, user=manager, request_key=key
                )
            )
        except refunds.RefundRefused as refused:
            outcomes.append(refused)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=refund, args=(f"race-{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(type(o).__name__ for o in outcomes) == ["RefundRefused"] * 3 + ["RefundResult"]
    assert refund_entries(line) == [(1, Decimal("-750000.00"))]
    assert [minor for _i, minor, _k in stripe_refunds] == [75_000_000]


@pytest.mark.django_db
def test_find_an_order_opens_only_orders_of_the_managers_centres(client, fake_stripe):
    artisan = ArtisanFactory()
    mine = placed_order((ProductFactory(artisan=artisan), 1, "100000"))
    theirs = placed_order((ProductFactory(), 1, "100000"))
    client.force_login(centre_manager(artisan.centre))
    lookup = reverse("backoffice:order-lookup")
    found = client.get(lookup, {"number": f" {mine.number} "})
    assert found["Location"] == reverse("backoffice:order", args=[mine.number])
    refused = client.get(lookup, {"number": theirs.number})
    assert refused["Location"] == reverse("backoffice:tasks")
