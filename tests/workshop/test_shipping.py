"""An artisan sends their own pieces: shipping event, stock, line and order status, e-mail."""

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.oscar_apps.order.statuses import OrderStatus
from marketplace.stock.models import StockLedgerEntry
from tests.factories import artisan_user

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingEvent = get_model("order", "ShippingEvent")
StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def paid_order(mixed_order):
    mixed_order.set_status(OrderStatus.PAID)
    return mixed_order


def detail_url(order):
    return reverse("dashboard:workshop-order-detail", kwargs={"number": order.number})


def own_line(order, artisan):
    return order.lines.get(partner=artisan.partner)


def ship(client, order, lines, courier="JNE", tracking="JNE1234567890", **extra):
    data = {"lines": [str(line.pk) for line in lines], "courier": courier}
    return client.post(detail_url(order), {**data, "tracking_number": tracking, **extra})


def state(order):
    return {
        "order": Order.objects.get(pk=order.pk).status,
        "lines": sorted(Line.objects.filter(order=order).values_list("pk", "status")),
        "events": ShippingEvent.objects.filter(order=order).count(),
        "stock": sorted(StockRecord.objects.values_list("pk", "num_in_stock", "num_allocated")),
        "ledger": StockLedgerEntry.objects.count(),
        "mail": len(mail.outbox),
    }


def test_an_artisan_sends_their_pieces_and_the_buyer_is_told(
    owner_client, paid_order, artisan, own_product, django_capture_on_commit_callbacks
):
    line = own_line(paid_order, artisan)
    record = StockRecord.objects.get(product=own_product)
    stock_before = (record.num_in_stock, record.num_allocated)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = ship(owner_client, paid_order, [line], courier="SiCepat", tracking="SC-0042-XY")

    assert response.status_code == 302
    event = ShippingEvent.objects.get(order=paid_order)
    assert (event.event_type.code, event.notes) == ("shipped", "SiCepat SC-0042-XY")
    assert [(q.line_id, q.quantity) for q in event.line_quantities.all()] == [(line.pk, 2)]
    line.refresh_from_db()
    assert (line.status, line.num_allocated) == ("Shipped", 0)
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (
        stock_before[0] - 2,
        stock_before[1] - 2,
    )
    sold = StockLedgerEntry.objects.filter(stockrecord=record).latest("pk")
    assert (sold.reason, sold.change) == ("sold", -2)
    # The rival's piece has not left: the order is not shipped yet.
    assert Order.objects.get(pk=paid_order.pk).status == OrderStatus.PAID
    (message,) = mail.outbox
    assert message.to == ["siti@example.com"]
    assert paid_order.number in message.subject
    assert "SC-0042-XY" in message.body and "SiCepat" in message.body
    assert "Kain Rival" not in message.body


def test_the_order_is_shipped_once_every_artisan_has_sent(
    owner_client, client, paid_order, artisan, rival
):
    ship(owner_client, paid_order, [own_line(paid_order, artisan)])
    client.force_login(artisan_user(rival))
    response = ship(client, paid_order, [own_line(paid_order, rival)], tracking="JT-777777")
    assert response.status_code == 302
    assert Order.objects.get(pk=paid_order.pk).status == OrderStatus.SHIPPED
    assert ShippingEvent.objects.filter(order=paid_order).count() == 2


def test_a_rivals_line_cannot_be_sent_and_nothing_changes(owner_client, paid_order, rival):
    before = state(paid_order)
    response = ship(owner_client, paid_order, [own_line(paid_order, rival)])
    assert response.status_code == 200
    assert "lines" in response.context["ship_form"].errors
    assert state(paid_order) == before


def test_a_line_is_sent_once_even_when_posted_twice(owner_client, paid_order, artisan):
    line = own_line(paid_order, artisan)
    ship(owner_client, paid_order, [line])
    before = state(paid_order)
    response = ship(owner_client, paid_order, [line])
    assert response.status_code == 200
    assert state(paid_order) == before


def test_an_unpaid_order_cannot_be_sent(owner_client, mixed_order, artisan):
    assert mixed_order.status == OrderStatus.AUTHORISED
    before = state(mixed_order)
    page = owner_client.get(detail_url(mixed_order))
    assert page.context["can_ship"] is False
    assert "Wait until the order is paid" in page.content.decode()
    response = ship(owner_client, mixed_order, [own_line(mixed_order, artisan)])
    assert response.status_code == 200
    assert response.context["ship_form"].non_field_errors() == [
        f"Order {mixed_order.number} is Payment authorised: send pieces only once it is paid."
    ]
    assert state(mixed_order) == before


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"tracking": "x"}, "tracking_number", "Use the courier's tracking number"),
        ({"tracking": "<script>"}, "tracking_number", "Use the courier's tracking number"),
        ({"courier": "other"}, "other_courier", "Name the courier."),
        ({"courier": "Kurir Gaib"}, "courier", "Select a valid choice."),
    ],
)
def test_a_bad_parcel_form_says_why_and_changes_nothing(
    owner_client, paid_order, artisan, fields, field, message
):
    before = state(paid_order)
    response = ship(owner_client, paid_order, [own_line(paid_order, artisan)], **fields)
    assert response.status_code == 200
    assert message in " ".join(response.context["ship_form"].errors[field])
    assert state(paid_order) == before


def test_another_courier_can_be_named(owner_client, paid_order, artisan):
    ship(
        owner_client,
        paid_order,
        [own_line(paid_order, artisan)],
        courier="other",
        other_courier="Lion Parcel",
        tracking="LP123456",
    )
    assert ShippingEvent.objects.get(order=paid_order).notes == "Lion Parcel LP123456"


def test_the_buyer_reads_the_e_mail_in_their_language(
    owner_client, paid_order, artisan, django_capture_on_commit_callbacks
):
    Order.objects.filter(pk=paid_order.pk).update(language="id")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ship(owner_client, paid_order, [own_line(paid_order, artisan)])
    (message,) = mail.outbox
    assert "sedang dalam perjalanan" in message.subject


def test_each_line_knows_its_quantity_in_its_own_parcel_only(
    owner_client, paid_order, artisan, rival
):
    own = own_line(paid_order, artisan)
    ship(owner_client, paid_order, [own])
    parcel = ShippingEvent.objects.get(order=paid_order)
    rivals = own_line(paid_order, rival)

    assert (own.get_event_quantity(parcel).quantity, own.shipping_status) == (2, "Shipped")
    with pytest.raises(parcel.line_quantities.model.DoesNotExist):
        rivals.get_event_quantity(parcel)
