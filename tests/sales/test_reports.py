"""Report figures equal the sum of the order lines they stand for, to the rupiah."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.sales import reports
from marketplace.sales.periods import Period
from marketplace.sales.scope import Scope, scope_for
from tests.factories import UserFactory

Line = get_model("order", "Line")
D = Decimal
MARCH = Period.containing("month", date(2026, 3, 17))
COUNTED = {"Paid", "Shipped", "Complete"}


def admin_scope():
    return scope_for(UserFactory(is_superuser=True, is_staff=True))


def lines_in(period: Period, currency: str, centre_ids=None):
    """The lines a report should count, picked in Python one by one (the oracle)."""
    picked = []
    for line in Line.objects.select_related("order"):
        placed_on = timezone.localtime(line.order.date_placed).date()
        if (
            line.order.status in COUNTED
            and line.order.currency == currency
            and period.start <= placed_on < period.end
            and (centre_ids is None or line.centre_id in centre_ids)
        ):
            picked.append(line)
    return picked


def test_march_summary_for_an_administrator_matches_the_hand_computed_figures(shop):
    summary = reports.summary(admin_scope(), MARCH, "IDR")
    # o1 1,250,000 + 2×400,000; o2 3×350,000; o3 2×99,999. Cancelled, unpaid, USD
    # and the order placed at 00:30 on 1 April (still 31 March in UTC) are out.
    assert summary.revenue.value == D("3299998.00")
    assert summary.orders.value == 3
    assert summary.units.value == 8
    assert summary.average_order_value.value == D("1099999")
    assert summary.revenue.previous == D("1600000.00")
    assert summary.orders.previous == 1
    assert summary.units.previous == 2
    assert summary.average_order_value.previous == D("1600000")
    assert summary.revenue.change_percent == D("106.25")
    assert summary.revenue.direction == "up"


def test_a_manager_sees_only_the_lines_of_their_centre(shop):
    summary_a = reports.summary(scope_for(shop.manager_a), MARCH, "IDR")
    summary_b = reports.summary(scope_for(shop.manager_b), MARCH, "IDR")
    assert (summary_a.revenue.value, summary_a.orders.value, summary_a.units.value) == (
        D("2499998.00"),
        3,
        6,
    )
    assert summary_a.average_order_value.value == D("833333")
    assert (summary_b.revenue.value, summary_b.orders.value, summary_b.units.value) == (
        D("800000.00"),
        1,
        2,
    )
    assert summary_b.revenue.previous == D("400000.00")


def test_amounts_in_another_currency_are_reported_apart(shop):
    usd = reports.summary(admin_scope(), MARCH, "USD")
    assert (usd.revenue.value, usd.orders.value, usd.units.value) == (D("85.50"), 1, 1)
    idr = reports.summary(admin_scope(), MARCH, "IDR")
    assert idr.revenue.value == D("3299998.00")


@pytest.mark.parametrize(
    "period",
    [
        Period.containing("day", date(2026, 3, 31)),
        Period.containing("day", date(2026, 4, 1)),
        Period.containing("week", date(2026, 3, 4)),
        Period.containing("week", date(2026, 3, 31)),
        Period.containing("month", date(2026, 2, 1)),
        MARCH,
        Period.containing("month", date(2026, 4, 1)),
        Period.custom(date(2026, 2, 1), date(2026, 4, 30)),
    ],
    ids=lambda p: f"{p.kind}-{p.start}",
)
@pytest.mark.parametrize("who", ["admin", "manager_a", "manager_b"])
@pytest.mark.parametrize("currency", ["IDR", "USD"])
def test_totals_equal_the_sum_of_the_underlying_lines(shop, period, who, currency):
    user = getattr(shop, who) if who != "admin" else None
    scope = scope_for(user) if user else admin_scope()
    lines = lines_in(period, currency, scope.centre_ids)
    summary = reports.summary(scope, period, currency)
    assert summary.revenue.value == sum((line.line_price_incl_tax for line in lines), D(0))
    assert summary.units.value == sum(line.quantity for line in lines)
    assert summary.orders.value == len({line.order_id for line in lines})
    # Every breakdown adds up to the same totals, and so does the time series.
    for dimension in ["artisan", "centre", "category", "technique", "country", "product"]:
        rows = reports.breakdown(scope, period, currency, dimension)
        assert sum((row.revenue for row in rows), D(0)) == summary.revenue.value, dimension
        assert sum(row.units for row in rows) == summary.units.value, dimension
    points = reports.series(scope, period, currency)
    assert sum((p.revenue for p in points), D(0)) == summary.revenue.value
    # The previous period is drawn beside this one bucket by bucket; a longer previous
    # month (31 days beside 30) has its extra day in the totals but not on the chart.
    if len(period.previous.bucket_starts()) <= len(points):
        previous_lines = lines_in(period.previous, currency, scope.centre_ids)
        assert sum((p.previous_revenue for p in points), D(0)) == sum(
            (line.line_price_incl_tax for line in previous_lines), D(0)
        )


def test_centre_figures_add_up_to_the_administrators(shop):
    admin = reports.summary(admin_scope(), MARCH, "IDR").revenue.value
    per_centre = [
        reports.summary(scope_for(manager), MARCH, "IDR").revenue.value
        for manager in (shop.manager_a, shop.manager_b)
    ]
    assert sum(per_centre) == admin == D("3299998.00")


def test_breakdown_by_category_technique_and_artisan(shop):
    scope = admin_scope()
    categories = {
        row.key: (row.label, row.revenue, row.units)
        for row in reports.breakdown(scope, MARCH, "IDR", "category")
    }
    assert categories == {
        "kain-batik": ("Kain batik", D("1250000.00"), 1),
        "busana": ("Busana", D("1050000.00"), 3),
        "tas": ("Tas", D("800000.00"), 2),
        "dekorasi-rumah": ("Dekorasi rumah", D("199998.00"), 2),
    }
    techniques = [
        (row.key, row.revenue) for row in reports.breakdown(scope, MARCH, "IDR", "technique")
    ]
    assert techniques == [
        ("tulis", D("1250000.00")),
        ("cap", D("1050000.00")),
        ("kombinasi", D("800000.00")),
        ("ecoprint", D("199998.00")),
    ]
    artisans = reports.breakdown(scope, MARCH, "IDR", "artisan", total_revenue=D("3299998"))
    assert [(r.label, r.revenue, r.previous_revenue, r.share_percent) for r in artisans] == [
        ("Ibu Sri", D("1449998.00"), D("1200000.00"), D("43.94")),
        ("Pak Darto", D("1050000.00"), D("0"), D("31.82")),
        ("Bu Wening", D("800000.00"), D("400000.00"), D("24.24")),
    ]


def test_market_split_domestic_against_export_and_by_country(shop):
    scope = admin_scope()
    countries = reports.breakdown(scope, MARCH, "IDR", "country")
    assert [(row.key, row.revenue, row.orders) for row in countries] == [
        ("ID", D("2249998.00"), 2),
        ("SG", D("1050000.00"), 1),
    ]
    market = reports.market_split(countries, D("3299998.00"))
    assert (market.domestic.revenue, market.domestic.orders) == (D("2249998.00"), 2)
    assert (market.export.revenue, market.export.orders, market.export.units) == (
        D("1050000.00"),
        1,
        3,
    )
    assert market.unknown is None


def test_top_products_are_ordered_by_revenue(shop):
    rows = reports.breakdown(admin_scope(), MARCH, "IDR", "product", limit=2)
    assert [(row.key, row.revenue) for row in rows] == [
        (shop.p1.pk, D("1250000.00")),
        (shop.p2.pk, D("1050000.00")),
    ]


def test_daily_series_puts_each_order_on_its_jakarta_day(shop):
    points = reports.series(admin_scope(), MARCH, "IDR")
    assert len(points) == 31
    by_day = {p.start.day: p.revenue for p in points if p.revenue}
    assert by_day == {2: D("2050000.00"), 15: D("1050000.00"), 31: D("199998.00")}
    # February's sale on the 20th sits beside 20 March.
    assert {p.start.day: p.previous_revenue for p in points if p.previous_revenue} == {
        20: D("1600000.00")
    }


def test_hourly_series_for_a_day(shop):
    points = reports.series(admin_scope(), Period.containing("day", date(2026, 3, 31)), "IDR")
    assert len(points) == 24
    assert [(p.start.hour, p.revenue) for p in points if p.revenue] == [(23, D("199998.00"))]


def test_an_empty_scope_reports_nothing(shop):
    nobody = Scope(centres=(), is_admin=False)
    summary = reports.summary(nobody, MARCH, "IDR")
    assert (summary.revenue.value, summary.orders.value, summary.units.value) == (D(0), 0, 0)
    assert summary.revenue.change_percent is None
