"""Data migrations run against rows that existed before them, as on a live database.

Each test migrates a real test database back to just before the migration, writes
rows with the historical models, migrates forward and reads what the migration left.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from catalogue_ext.models import TRACE_CODE_ALPHABET, TRACE_CODE_LENGTH

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_products_that_predate_trace_codes_each_get_their_own():
    apps = migrate([("catalogue", "0035_certificate")])
    Product = apps.get_model("catalogue", "Product")
    ids = [
        Product.objects.create(title=f"Kain {n}", structure="standalone", is_public=False).pk
        for n in range(25)
    ]
    assert Product.objects.filter(trace_code=None).count() == 25

    migrate([("catalogue", "0037_trace_code_unique")])
    apps = migrate(latest())

    codes = list(
        apps.get_model("catalogue", "Product")
        .objects.filter(pk__in=ids)
        .values_list("trace_code", flat=True)
    )
    assert len(codes) == 25
    assert len(set(codes)) == 25
    for code in codes:
        assert len(code) == TRACE_CODE_LENGTH
        assert set(code) <= set(TRACE_CODE_ALPHABET)


def test_lines_placed_before_the_sales_indexes_get_their_products_category():
    # Orders go back to before 0024; the catalogue stays where it is today.
    apps = migrate(
        [
            ("order", "0023_order_language_card_payment_bank_transfer"),
            ("catalogue", "0037_trace_code_unique"),
        ]
    )
    ProductClass = apps.get_model("catalogue", "ProductClass")
    Product = apps.get_model("catalogue", "Product")
    Order = apps.get_model("order", "Order")
    Line = apps.get_model("order", "Line")
    Partner = apps.get_model("partner", "Partner")

    cloth = ProductClass.objects.create(name="Kain", slug="kain")
    shirt = ProductClass.objects.create(name="Kemeja", slug="kemeja")
    standalone = Product.objects.create(
        title="Kain tulis",
        structure="standalone",
        product_class=cloth,
        is_public=False,
        trace_code="AAAA2222",
    )
    parent = Product.objects.create(
        title="Kemeja",
        structure="parent",
        product_class=shirt,
        is_public=False,
        trace_code="BBBB3333",
    )
    child = Product.objects.create(
        title="Kemeja M", structure="child", parent=parent, is_public=False, trace_code="CCCC4444"
    )
    partner = Partner.objects.create(name="Bu Sri", code="bu-sri")
    order = Order.objects.create(
        number="100001",
        currency="IDR",
        total_incl_tax=Decimal("500000"),
        total_excl_tax=Decimal("450450.45"),
        guest_email="buyer@example.com",
        date_placed=timezone.now(),
    )
    lines = {}
    for product in (standalone, child):
        lines[product.title] = Line.objects.create(
            order=order,
            partner=partner,
            partner_name="Bu Sri",
            product=product,
            title=product.title,
            partner_sku=product.trace_code,
            quantity=1,
            num_allocated=1,
            line_price_incl_tax=Decimal("250000"),
            line_price_excl_tax=Decimal("225225.23"),
            line_price_before_discounts_incl_tax=Decimal("250000"),
            line_price_before_discounts_excl_tax=Decimal("225225.23"),
        )

    apps = migrate(latest())
    Line = apps.get_model("order", "Line")
    filled = dict(
        (title, (slug, name))
        for title, slug, name in Line.objects.filter(order_id=order.pk).values_list(
            "title", "category_slug", "category_name"
        )
    )
    assert filled == {"Kain tulis": ("kain", "Kain"), "Kemeja M": ("kemeja", "Kemeja")}
