"""History holds: figures of placed orders do not move when the catalogue does."""

from datetime import date
from decimal import Decimal

import pytest
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from marketplace.sales import reports, selectors, services
from marketplace.sales.models import LedgerEntry
from marketplace.sales.periods import Period
from marketplace.sales.scope import scope_for
from tests.factories import (
    CentreFactory,
    ProductFactory,
    UserFactory,
    kind_category,
    placed_order,
)
from tests.sales.conftest import at

Basket = get_model("basket", "Basket")
ProductClass = get_model("catalogue", "ProductClass")
DefaultStrategy = get_class("partner.strategy", "Default")
D = Decimal
MARCH = Period.containing("month", date(2026, 3, 1))


def snapshot_of_reports(shop):
    admin = scope_for(UserFactory(is_superuser=True, is_staff=True))
    scopes = {"admin": admin, "a": scope_for(shop.manager_a), "b": scope_for(shop.manager_b)}
    figures = {}
    for name, scope in scopes.items():
        summary = reports.summary(scope, MARCH, "IDR")
        figures[name] = {
            "summary": (summary.revenue, summary.orders, summary.units),
            **{
                dimension: [
                    (row.key, row.label, row.revenue, row.units)
                    for row in reports.breakdown(scope, MARCH, "IDR", dimension)
                ]
                for dimension in [
                    "artisan",
                    "centre",
                    "category",
                    "technique",
                    "country",
                    "product",
                ]
            },
        }
    ledger = list(
        LedgerEntry.objects.order_by("id").values_list("centre_id", "artisan_id", "amount")
    )
    return figures, ledger


def test_editing_products_prices_and_artisans_later_changes_no_figure(shop):
    services.post_unposted_earnings()
    before = snapshot_of_reports(shop)

    # The artisan moves to centre B and is renamed; the product is re-classed,
    # re-labelled, re-priced and re-titled; a centre is renamed.
    shop.a1.centre = shop.centre_b
    shop.a1.name = "Ibu Sri Rahayu"
    shop.a1.save()
    shop.p1.product_class = ProductClass.objects.get(slug="busana")
    shop.p1.technique = "cap"
    shop.p1.title = "Renamed"
    shop.p1.centre = shop.centre_b
    shop.p1.save()
    shop.p1.stockrecords.update(price=D("9999999"))
    shop.centre_a.name = "Sentra Baru"
    shop.centre_a.save()
    services.post_unposted_earnings()

    assert snapshot_of_reports(shop) == before
    # The manager of B still sees nothing of the sales made while Ibu Sri was in A.
    assert reports.summary(scope_for(shop.manager_b), MARCH, "IDR").revenue.value == D("800000.00")


def test_a_new_sale_after_the_move_counts_for_the_new_centre(shop):
    shop.a1.centre = shop.centre_b
    shop.a1.save()
    moved_piece = ProductFactory(artisan=shop.a1)  # made after the move: from centre B
    placed_order((moved_piece, 1, "500000"), placed=at(2026, 3, 20))
    assert reports.summary(scope_for(shop.manager_b), MARCH, "IDR").revenue.value == D("1300000.00")
    assert reports.summary(scope_for(shop.manager_a), MARCH, "IDR").revenue.value == D("2499998.00")


@pytest.mark.django_db
def test_oscars_order_creator_snapshots_provenance_and_category(artisan):
    product = ProductFactory(
        artisan=artisan,
        technique="kombinasi",
        product_class=ProductClass.objects.get(slug="tas"),
        category=kind_category("tas"),
        stock__price=D("300000"),
    )
    basket = Basket.objects.create()
    basket.strategy = DefaultStrategy()
    basket.add_product(product, quantity=2)
    order = create_order(basket=basket)
    line = order.lines.get()
    assert (
        line.artisan_id,
        line.centre_id,
        line.artisan_name,
        line.centre_name,
        line.category_slug,
        line.category_name,
        line.technique,
        line.line_price_incl_tax,
    ) == (
        artisan.pk,
        artisan.centre_id,
        artisan.name,
        artisan.centre.name,
        "tas",
        "Tas",
        "kombinasi",
        D("600000.00"),
    )
    # Moving the artisan afterwards leaves the line where it was sold.
    artisan.centre = CentreFactory()
    artisan.save()
    line.refresh_from_db()
    assert line.centre_id != artisan.centre_id


@pytest.mark.django_db
def test_an_order_placed_as_paid_is_posted_by_oscars_signal(artisan):
    product = ProductFactory(artisan=artisan, stock__price=D("300000"))
    basket = Basket.objects.create()
    basket.strategy = DefaultStrategy()
    basket.add_product(product)
    order = create_order(basket=basket, status="Paid")
    assert selectors.account_balance(
        artisan_id=artisan.pk, centre_id=artisan.centre_id, currency="IDR"
    ) == D("268500.00")  # 300,000 − 30,000 − 1,500
    assert order.status == "Paid"
