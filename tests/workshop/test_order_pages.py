"""Orders: an artisan sees only their own lines and where to send them."""

import pytest
from django.urls import reverse

from tests.factories import place_order

pytestmark = pytest.mark.django_db


def test_my_orders_list_only_orders_with_my_lines(owner_client, mixed_order, rival_product):
    place_order((rival_product, 1), number="100002")
    response = owner_client.get(reverse("dashboard:workshop-order-list"))
    assert response.status_code == 200
    orders = list(response.context["orders"])
    assert [o.number for o in orders] == ["100001"]
    assert [(line.title, line.quantity) for line in orders[0].own_lines] == [
        ("Kain Surya Majapahit", 2)
    ]
    assert b"Kain Rival" not in response.content


def test_an_order_shows_my_lines_and_the_address_but_not_the_rest(
    indonesian_client, owner, mixed_order
):
    indonesian_client.force_login(owner)
    response = indonesian_client.get(
        reverse("dashboard:workshop-order-detail", kwargs={"number": "100001"})
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert [line.title for line in response.context["order"].own_lines] == ["Kain Surya Majapahit"]
    assert "Kain Rival" not in content
    assert "Jl. Majapahit 12" in content
    assert "+6281234567890" in content
    # The order total (Rp750.000), the customer's e-mail and the billing address: never.
    assert mixed_order.total_incl_tax == 750000
    assert "750.000" not in content
    assert "Rp500.000" in content  # our two pieces, 250.000 each
    assert "siti@example.com" not in content


def test_the_artisan_dashboard_start_page_is_the_workshop(owner_client):
    response = owner_client.get(reverse("dashboard:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:workshop-index")
    page = owner_client.get(response["Location"])
    assert page.status_code == 200
    menu = page.content.decode()
    assert reverse("dashboard:workshop-stock") in menu
    assert reverse("dashboard:catalogue-product-list") not in menu
    assert reverse("dashboard:order-list") not in menu
