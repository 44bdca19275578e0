"""A buyer's data: downloaded in full; deleted with orders kept and personal data gone."""

import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories

from marketplace.audit.models import AuditEvent
from tests.factories import ProductFactory, UserFactory

Order = get_model("order", "Order")
Line = get_model("order", "Line")
UserAddress = get_model("address", "UserAddress")
ProductReview = get_model("reviews", "ProductReview")
WishList = get_model("wishlists", "WishList")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
BillingAddress = get_model("order", "BillingAddress")
User = get_user_model()

pytestmark = pytest.mark.django_db
PASSWORD = "secret-pass-123"
EMAIL = "sari.wulandari@example.com"
PERSONAL = ["sari.wulandari", "Wulandari", "Jalan Kenanga 12", "+6281234567890", "61318"]


@pytest.fixture
def buyer():
    country = Country.objects.create(
        iso_3166_1_a2="ID", iso_3166_1_a3="IDN", iso_3166_1_numeric="360", name="Indonesia",
        printable_name="Indonesia", is_shipping_country=True,
    )  # fmt: skip
    user = UserFactory(email=EMAIL, first_name="Sari", last_name="Wulandari")
    address = dict(
        first_name="Sari",
        last_name="Wulandari",
        line1="Jalan Kenanga 12",
        line4="Kota Mojokerto",
        state="Jawa Timur",
        postcode="61318",
        country=country,
    )
    UserAddress.objects.create(user=user, phone_number="+6281234567890", **address)
    product = ProductFactory(stock__price=Decimal("250000"))
    basket = oscar_factories.create_basket(empty=True)
    basket.add_product(product, quantity=2)
    order = oscar_factories.create_order(
        number="100042",
        user=user,
        basket=basket,
        shipping_address=ShippingAddress.objects.create(
            phone_number="+6281234567890", notes="Rumah pagar hijau, Sari", **address
        ),
        billing_address=BillingAddress.objects.create(**address),
    )
    ProductReview.objects.create(
        product=product, user=user, title="Bagus", body="Kain halus, Sari suka", score=5
    )
    WishList.objects.create(owner=user, name="Untuk Lebaran").add(product)
    return user, order


def sign_in(client, email=EMAIL):
    response = client.post(
        "/accounts/login/",
        {"login-username": email, "login-password": PASSWORD, "login_submit": "1"},
    )
    assert response.status_code == 302


def test_the_download_holds_profile_addresses_orders_lines_reviews_and_wishlists(client, buyer):
    user, order = buyer
    sign_in(client)
    response = client.get("/accounts/my-data/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    data = json.loads(response.content)
    assert data["profile"]["email"] == EMAIL
    assert data["addresses"][0]["line1"] == "Jalan Kenanga 12"
    assert data["addresses"][0]["phone_number"] == "+6281234567890"
    assert [o["number"] for o in data["orders"]] == ["100042"]
    assert data["orders"][0]["shipping_address"]["last_name"] == "Wulandari"
    assert [(li["quantity"], li["line_price_incl_tax"]) for li in data["orders"][0]["lines"]] == [
        (2, "500000.00")
    ]
    assert [r["body"] for r in data["reviews"]] == ["Kain halus, Sari suka"]
    assert [w["name"] for w in data["wishlists"]] == ["Untuk Lebaran"]


def test_the_download_makes_the_same_number_of_queries_for_more_orders(
    client, buyer, django_assert_max_num_queries
):
    user, _ = buyer
    sign_in(client)
    client.get("/accounts/my-data/download/")
    with django_assert_max_num_queries(40) as few:
        client.get("/accounts/my-data/download/")
    for n in range(4):
        basket = oscar_factories.create_basket(empty=True)
        basket.add_product(ProductFactory(), quantity=1)
        oscar_factories.create_order(number=f"20000{n}", user=user, basket=basket)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/accounts/my-data/download/")
    assert len(json.loads(response.content)["orders"]) == 5


def test_deleting_the_account_keeps_the_order_and_erases_every_trace_of_the_person(client, buyer):
    user, order = buyer
    total, lines = order.total_incl_tax, list(order.lines.values_list("title", "quantity"))
    sign_in(client)
    response = client.post("/accounts/my-data/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session

    order = Order.objects.get(number="100042")
    assert order.total_incl_tax == total == Decimal("500000.00")
    assert list(order.lines.values_list("title", "quantity")) == lines
    assert order.shipping_address.state == "Jawa Timur"
    assert order.shipping_address.country_id == "ID"
    assert order.shipping_address.line1 == order.shipping_address.last_name == ""
    stub = User.objects.get(pk=user.pk)
    assert (stub.email, stub.first_name, stub.is_active, stub.has_usable_password()) == (
        "", "", False, False,
    )  # fmt: skip
    assert not UserAddress.objects.exists()
    assert not ProductReview.objects.exists()
    assert not WishList.objects.exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCOUNT_DELETED).count() == 1

    leftovers = rows_mentioning(PERSONAL)
    assert leftovers == []


def rows_mentioning(needles: list[str]) -> list[tuple[str, str, str]]:
    """Every (table, column, needle) where a text or JSON column holds a needle."""
    found = []
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        text_fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        for field in text_fields:
            lookup = "icontains"
            for needle in needles:
                if isinstance(field, models.JSONField):
                    values = model._default_manager.values_list(field.attname, flat=True)
                    if any(needle.lower() in json.dumps(v).lower() for v in values):
                        found.append((model._meta.db_table, field.name, needle))
                elif model._default_manager.filter(**{f"{field.attname}__{lookup}": needle}):
                    found.append((model._meta.db_table, field.name, needle))
    return found


def test_the_scan_finds_personal_data_while_it_is_there(buyer):
    """The check above is only worth something if it can fail."""
    found = {(table, needle) for table, _, needle in rows_mentioning(PERSONAL)}
    assert ("auth_user", "sari.wulandari") in found
    assert ("order_shippingaddress", "Jalan Kenanga 12") in found
    assert ("address_useraddress", "+6281234567890") in found


def test_a_wrong_password_deletes_nothing(client, buyer):
    user, _ = buyer
    sign_in(client)
    response = client.post("/accounts/my-data/delete/", {"password": "nope", "confirm": "on"})
    assert response.status_code == 400
    assert User.objects.get(pk=user.pk).email == EMAIL
    assert UserAddress.objects.count() == 1


def test_oscars_own_profile_deletion_leads_to_ours(client, buyer):
    sign_in(client)
    response = client.get("/accounts/profile/delete/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/my-data/"
    assert client.post("/accounts/profile/delete/", {"password": PASSWORD}).status_code == 302
    assert User.objects.get(email=EMAIL).is_active
