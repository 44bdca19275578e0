"""Dashboard forms, fuzzed as a staff user: no server error, no half-saved product."""

from decimal import Decimal

import pytest
from hypothesis import strategies as st
from oscar.core.loading import get_model

from tests.factories import ProductFactory
from tests.formdata import form_data
from tests.fuzzing import form_fields, fuzz, nasty_text

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")

pytestmark = pytest.mark.django_db


def test_product_edit_saves_everything_or_nothing(admin_client):
    product = ProductFactory(stock__price=Decimal("100000"))
    url = f"/dashboard/catalogue/products/{product.pk}/"
    served = form_data(admin_client.get(url).content.decode(), "stockrecords-0-price")
    names = ["title", "upc", "description", "stockrecords-0-price",
             "stockrecords-0-num_in_stock", "stockrecords-0-partner_sku",
             "stockrecords-0-price_currency"]  # fmt: skip

    def state():
        p = Product.objects.get(pk=product.pk)
        s = StockRecord.objects.get(product=product)
        return (p.title, p.upc, s.price, s.num_in_stock, s.partner_sku)

    original = state()

    def allowed(response, delta):
        now = state()
        if response.status_code == 302:
            return delta == {}
        # Refused: neither the product nor its stock record moved.
        return delta == {} and now == original

    fuzz(
        "dashboard-product-edit",
        st.fixed_dictionaries({}, optional={n: nasty_text() for n in names}).map(
            lambda changes: {**served, **changes}
        ),
        send=lambda data: admin_client.post(url, data),
        watch=[Product, StockRecord],
        allowed_writes=allowed,
    )


def test_partner_create(admin_client):
    fuzz(
        "dashboard-partner-create",
        form_fields(["name"]),
        send=lambda data: admin_client.post("/dashboard/partners/create/", data),
        watch=[Partner],
        allowed_writes=lambda response, delta: delta in ({}, {"partner.Partner": 1}),
    )


@pytest.mark.parametrize(
    "url,fields",
    [
        ("/dashboard/orders/", ["order_number", "name", "product_title", "status", "date_from",
                                "date_to", "voucher", "payment_method", "response_format"]),
        ("/dashboard/users/", ["email", "name", "page"]),
        ("/dashboard/catalogue/", ["upc", "title", "page"]),
        ("/dashboard/audit/", ["action", "centre", "actor", "since", "until", "page"]),
    ],
    ids=["orders", "users", "products", "audit"],
)  # fmt: skip
def test_dashboard_search_forms(admin_client, url, fields):
    fuzz(
        f"dashboard-filter{url}",
        form_fields(fields),
        send=lambda params: admin_client.get(url, params),
        watch=[Product, Partner],
    )
