"""Oscar's staff order page (``dashboard:order-detail``), served by our fork's view.

The page is Oscar's, unchanged; our view only reads the order's lines, events, payment
sources, transactions and notes with their related rows in bulk. These tests render a
paid order that was shipped parcel by parcel, as the shop makes them.
"""

import re

import pytest
from django.apps import apps
from django.urls import resolve, reverse
from oscar.apps.dashboard.orders.views import OrderDetailView as OscarOrderDetailView
from oscar.core.loading import get_model

from marketplace.oscar_apps.checkout.services.placement import (
    add_payment_source,
    record_payment_event,
)
from marketplace.oscar_apps.dashboard.orders import views
from marketplace.workshop.fulfilment import ship_own_lines
from tests.factories import ArtisanFactory, ProductFactory, UserFactory, place_order
from tests.performance.test_query_budgets import BUDGETS, FEW, MANY, page_queries

OrderNote = get_model("order", "OrderNote")
ShippingEvent = get_model("order", "ShippingEvent")
ShippingEventType = get_model("order", "ShippingEventType")
Transaction = get_model("payment", "Transaction")

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


def shipped_order(count: int, *, admin, number: str):
    """A paid order of ``count`` pieces by two artisans, each piece sent in its own
    parcel, paid by bank transfer (a source, a debit, a payment event over every
    line) and annotated by staff."""
    makers = [ArtisanFactory(name="Ibu Sri"), ArtisanFactory(name="Pak Darto")]
    products = [
        ProductFactory(title=f"Kain {i + 1}", artisan=makers[i % 2], stock__num_in_stock=3)
        for i in range(count)
    ]
    order = place_order(
        *[(product, 1) for product in products],
        user=UserFactory(email="buyer@example.com"),
        number=number,
        status="Paid",
    )
    record_payment_event(order=order, event_type="Paid", reference=f"TRF-{number}")
    source = add_payment_source(order=order, source_type="Bank transfer", reference=number)
    Transaction.objects.create(
        source=source, txn_type="Debit", amount=order.total_incl_tax, reference=f"TRF-{number}"
    )
    for line in order.lines.order_by("pk"):
        ship_own_lines(
            partner_ids=[line.partner_id],
            order_number=number,
            line_ids=[line.pk],
            courier="JNE",
            tracking_number=f"JNE{line.pk}",
            user=admin,
        )
    OrderNote.objects.create(order=order, user=admin, message="Paket dicek.")
    return order


def page_url(order) -> str:
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def without_csrf_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_oscars_name_leads_to_our_view():
    url = reverse("dashboard:order-detail", kwargs={"number": "300001"})
    assert resolve(url).func.view_class is views.OrderDetailView
    assert apps.get_app_config("orders_dashboard").order_detail_view is views.OrderDetailView


def test_the_page_makes_the_same_queries_for_1_and_10_shipped_lines(client, admin):
    """Every line's product and partner, each parcel's and payment's lines, the payment
    source's type, the debit's source and the note's author come with the order."""
    client.force_login(admin)
    few = page_queries(client, page_url(shipped_order(FEW, admin=admin, number="300001")))
    many = page_queries(client, page_url(shipped_order(MANY, admin=admin, number="300002")))

    # Two more than the budget's bare order: the lines of its payment and its parcels.
    assert (few, many) == (BUDGETS["dashboard:order-detail"] + 2,) * 2


def test_the_page_renders_exactly_what_oscars_view_renders(client, admin):
    order = shipped_order(3, admin=admin, number="300003")
    client.force_login(admin)
    request = client.get(page_url(order)).wsgi_request

    ours = views.OrderDetailView.as_view()(request, number=order.number).render()
    oscars = OscarOrderDetailView.as_view()(request, number=order.number).render()

    assert ours.status_code == oscars.status_code == 200
    assert without_csrf_tokens(ours.content.decode()) == without_csrf_tokens(
        oscars.content.decode()
    )


def test_the_page_shows_each_line_parcel_payment_and_note(client, admin):
    order = shipped_order(2, admin=admin, number="300004")
    first, second = order.lines.order_by("pk")
    client.force_login(admin)

    html = client.get(page_url(order)).content.decode()

    for line in (first, second):
        product = reverse("dashboard:catalogue-product", kwargs={"pk": line.product_id})
        partner = reverse("dashboard:partner-manage", kwargs={"pk": line.partner_id})
        assert f'<a href="{product}">{line.title}</a>' in html
        assert f'<a href="{partner}">{line.partner_name}</a>' in html
        assert html.count(f"Product: {line.title} - quantity 1</br>") == 1
    # Each parcel names its one line; the second was sent last, so it is listed first.
    parcels = re.findall(r"(Kain \d) \(quantity 1/1\)", html)
    assert parcels == ["Kain 2", "Kain 1"]
    assert re.findall(r"<td>(Bank transfer)</td>", html) == ["Bank transfer", "Bank transfer"]
    assert "<td>admin</td>" in html
    assert "<p>Paket dicek.</p>" in html


def test_the_pages_each_line_links_to_still_open(client, admin):
    order = shipped_order(2, admin=admin, number="300005")
    client.force_login(admin)
    html = client.get(page_url(order)).content.decode()
    # The order's own pages, and the product and partner pages of its lines.
    pattern = rf'href="(/dashboard/(?:orders/{order.number}/|catalogue/products/|partners/)[^"#]+)"'
    links = sorted(set(re.findall(pattern, html)))
    expected = {reverse("dashboard:order-shipping-address", kwargs={"number": order.number})}
    for line in order.lines.all():
        expected |= {
            reverse(
                "dashboard:order-line-detail", kwargs={"number": order.number, "line_id": line.pk}
            ),
            reverse("dashboard:catalogue-product", kwargs={"pk": line.product_id}),
            reverse("dashboard:partner-manage", kwargs={"pk": line.partner_id}),
        }

    assert links == sorted(expected)
    assert {link: client.get(link).status_code for link in links} == dict.fromkeys(links, 200)


@pytest.fixture
def shipped_type():
    return ShippingEventType.objects.create(code="shipped", name="Shipped")


def ship_from_the_page(client, order, line, shipped_type):
    return client.post(
        page_url(order),
        {
            "line_action": "create_shipping_event",
            "selected_line": [line.pk],
            f"selected_line_qty_{line.pk}": 1,
            "shipping_event_type": shipped_type.code,
            "reference": "JNE 123",
        },
    )


def test_staff_record_a_parcel_for_the_lines_they_select(client, admin, shipped_type):
    order = place_order(
        (ProductFactory(title="Kain 1"), 1), (ProductFactory(title="Kain 2"), 1), status="Paid"
    )
    first, _second = order.lines.order_by("pk")
    client.force_login(admin)

    response = ship_from_the_page(client, order, first, shipped_type)

    assert (response.status_code, response["Location"]) == (302, page_url(order))
    assert [
        (
            event.event_type.code,
            event.notes,
            [(q.line_id, q.quantity) for q in event.line_quantities.all()],
        )
        for event in order.shipping_events.all()
    ] == [("shipped", "JNE 123", [(first.pk, 1)])]
    assert "Kain 1 (quantity 1/1)" in client.get(page_url(order)).content.decode()


def test_a_line_of_another_order_cannot_be_selected(client, admin, shipped_type):
    order = place_order((ProductFactory(title="Kain 1"), 1), status="Paid")
    other = place_order((ProductFactory(title="Kain 2"), 1), status="Paid")
    client.force_login(admin)

    response = ship_from_the_page(client, order, other.lines.get(), shipped_type)

    assert (response.status_code, response["Location"]) == (302, page_url(order))
    assert ShippingEvent.objects.count() == 0
