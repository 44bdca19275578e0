"""Prices in the buyer's currency (Strategy), the switcher, and shipping by weight."""

from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from marketplace.payments.models import ExchangeRate
from marketplace.payments.rates import current_rate, set_rate
from tests.checkout.flow import (
    ADDRESS_ID,
    ADDRESS_NL,
    CARD_3DS,
    checkout_to_preview,
    complete_3ds,
    pay_by_card,
)
from tests.factories import ProductFactory, UserFactory

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
Repository = get_class("shipping.repository", "Repository")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(shop):
    return ProductFactory(title="Kain Buah Mojo", stock__price=Decimal("250000"))


def test_domestic_price_is_the_shelf_price_with_its_ppn_shown(product):
    price = Selector().strategy(currency="IDR").fetch_for_product(product).price

    assert (price.currency, price.incl_tax, price.excl_tax, price.tax) == (
        "IDR",
        Decimal("250000"),
        Decimal("225225"),
        Decimal("24775"),
    )


def test_export_price_is_zero_rated_and_converted_at_the_current_rate(product):
    set_rate(currency="USD", idr_per_unit=Decimal("15000"))  # newer than the shop's 16000

    price = Selector().strategy(currency="USD").fetch_for_product(product).price

    # Rp225.225 without PPN / 15.000 = 15.0150 → US$15.02
    assert (price.currency, price.incl_tax, price.tax) == ("USD", Decimal("15.02"), Decimal("0"))


def test_without_an_exchange_rate_there_is_no_dollar_price(db):
    product = ProductFactory()

    info = Selector().strategy(currency="USD").fetch_for_product(product)

    assert info.price.exists is False
    assert info.availability.is_available_to_buy is True  # stock is not the problem


def test_switching_currency_is_remembered_and_reprices_the_basket(client, product):
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    response = client.post(
        reverse("checkout:set-currency"), {"currency": "USD", "next": product.get_absolute_url()}
    )

    assert response.url == product.get_absolute_url()
    line = Basket.objects.get().lines.get()
    assert (line.price_currency, line.price_incl_tax) == ("USD", Decimal("14.08"))
    page = client.get(reverse("basket:summary"))
    assert page.context["basket"].currency == "USD"
    assert "US$14,08" in page.content.decode()  # Indonesian number format
    client.post(reverse("checkout:set-currency"), {"currency": "IDR", "next": "/"})
    line.refresh_from_db()
    assert (line.price_currency, line.price_incl_tax) == ("IDR", Decimal("250000"))


def test_dollars_cannot_be_chosen_before_a_rate_is_set(client, db):
    product = ProductFactory()
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    response = client.post(reverse("checkout:set-currency"), {"currency": "USD", "next": "/"})

    assert str(list(response.wsgi_request._messages)[-1]) == "Harga dalam USD belum tersedia."
    assert "marketplace_currency" not in client.session
    assert Basket.objects.get().lines.get().price_currency == "IDR"


def test_unknown_currency_is_a_bad_request(client, db):
    response = client.post(reverse("checkout:set-currency"), {"currency": "EUR"})
    assert response.status_code == 400


def test_the_newest_rate_is_current_and_admin_records_who_set_it(client, shop):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    response = client.post(
        reverse("admin:payments_exchangerate_add"),
        {"currency": "USD", "idr_per_unit": "16400", "note": "BI mid rate"},
    )

    assert response.status_code == 302
    rate = current_rate("USD")
    assert (rate.idr_per_unit, rate.set_by, rate.note) == (Decimal("16400"), admin, "BI mid rate")
    assert ExchangeRate.objects.count() == 2  # the old rate stays as history
    request = RequestFactory().get("/")
    request.user = admin
    assert site._registry[ExchangeRate].has_change_permission(request, rate) is False


def test_a_rate_change_during_3d_secure_does_not_change_what_is_charged(
    client, fake_stripe, product
):
    preview = checkout_to_preview(client, product, currency="USD", address=ADDRESS_NL)
    started = pay_by_card(
        client, amount_minor=preview.context["amount_minor"], number=CARD_3DS
    ).json()
    set_rate(currency="USD", idr_per_unit=Decimal("12000"))

    complete_3ds(started["client_secret"])
    client.post(started["confirm_url"])

    order = Order.objects.get()
    assert (order.status, order.total_incl_tax) == ("Paid", Decimal("32.83"))


def shipping_charge(basket, country):
    fields = {k: v for k, v in ADDRESS_ID.items() if k != "country"}
    address = ShippingAddress(**fields, country_id=country) if country else None
    methods = Repository().get_shipping_methods(basket=basket, shipping_addr=address)
    return [(m.name, m.calculate(basket).incl_tax) for m in methods]


def basket_of(currency, *products):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy(currency=currency)
    for product in products:
        basket.add_product(product)
    return basket


@pytest.mark.parametrize(
    ("grams", "charge"),
    [
        (None, Decimal("20000")),  # no weight recorded: the method's 0.5 kg
        (900, Decimal("20000")),
        (2500, Decimal("35000")),
        (6000, Decimal("55000")),  # 5 kg band + 1 kg band
    ],
)
def test_domestic_shipping_is_charged_by_gross_weight(shop, grams, charge):
    product = ProductFactory(gross_weight_grams=grams)

    assert shipping_charge(basket_of("IDR", product), "ID") == [("Domestik", charge)]


def test_export_shipping_is_converted_and_zero_rated(shop):
    basket = basket_of("USD", ProductFactory(gross_weight_grams=800))

    (method,) = Repository().get_shipping_methods(basket=basket)
    charge = method.calculate(basket)

    # Rp300.000 / 16.000
    assert (charge.currency, charge.incl_tax, charge.tax) == ("USD", Decimal("18.75"), 0)


def test_domestic_shipping_includes_its_ppn(shop):
    basket = basket_of("IDR", ProductFactory())

    (method,) = Repository().get_shipping_methods(basket=basket)
    charge = method.calculate(basket)

    assert (charge.incl_tax, charge.excl_tax, charge.tax) == (
        Decimal("20000"),
        Decimal("18018"),
        Decimal("1982"),
    )


@pytest.mark.parametrize(("currency", "country"), [("IDR", "NL"), ("USD", "ID")])
def test_no_method_ships_a_basket_to_the_other_market(shop, currency, country):
    assert shipping_charge(basket_of(currency, ProductFactory()), country) == []


def test_rupiah_buyer_entering_a_foreign_address_is_told_to_switch_currency(client, product):
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    client.post(reverse("checkout:index"), {"username": "a@example.com", "options": "anonymous"})

    response = client.post(reverse("checkout:shipping-address"), ADDRESS_NL)

    assert response.status_code == 200
    assert response.context["form"].errors["country"] == [
        "Pesanan yang dibayar dalam rupiah dikirim ke alamat di Indonesia. Untuk pengiriman "
        "ke luar negeri, ganti mata uang ke USD di bagian atas halaman."
    ]


def test_basket_page_works_before_any_shipping_method_exists(client, db):
    product = ProductFactory()
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    response = client.get(reverse("basket:summary"))

    assert response.status_code == 200
    assert response.context["shipping_method"].code == "calculated-at-checkout"
