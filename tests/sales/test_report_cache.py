"""Dashboard figures of a period that is over are cached, and never shown stale."""

from datetime import datetime, time
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marketplace.oscar_apps.order.statuses import OrderStatus
from marketplace.sales import services
from marketplace.sales.periods import add_months
from marketplace.sales.views.dashboard import dashboard_figures, figure_sums
from tests.factories import (
    ArtisanFactory,
    CentreFactory,
    ProductFactory,
    UserFactory,
    placed_order,
)

pytestmark = pytest.mark.django_db


def last_month():
    return add_months(timezone.localdate().replace(day=1), -1)


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def sold_last_month(django_capture_on_commit_callbacks):
    """Two orders placed on the 3rd of last month, posted to the ledger."""
    artisan = ArtisanFactory()
    placed = timezone.make_aware(datetime.combine(last_month().replace(day=3), time(10)))
    with django_capture_on_commit_callbacks(execute=True):
        kept = placed_order((ProductFactory(artisan=artisan), 2, "150000"), placed=placed)
        cancelled = placed_order((ProductFactory(artisan=artisan), 1, "400000"), placed=placed)
        services.post_unposted_earnings()
    return kept, cancelled


def dashboard(client, month):
    params = {"period": "month", "date": month.isoformat(), "currency": "IDR"}
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("sales:dashboard"), params)
    assert response.status_code == 200
    return response.context, len(queries)


def test_a_closed_months_figures_are_read_from_the_database_once(admin_client, sold_last_month):
    dashboard(admin_client, timezone.localdate())  # the session and site, read once
    first, first_queries = dashboard(admin_client, last_month())
    again, queries = dashboard(admin_client, last_month())
    assert again["summary"].revenue.value == first["summary"].revenue.value == Decimal("700000")
    # One query per figure: summary, series, refunds and five tables (one centre: no
    # table of centres).
    assert queries == first_queries - 8


def test_this_months_sales_show_at_once_beside_the_cached_month_before(
    admin_client, sold_last_month
):
    this_month = timezone.localdate().replace(day=1)
    before, _queries = dashboard(admin_client, this_month)
    assert (before["summary"].revenue.value, before["summary"].revenue.previous) == (
        Decimal("0"),
        Decimal("700000"),
    )
    # No on-commit callbacks run here: nothing tells the cache about this sale.
    placed_order((ProductFactory(), 1, "90000"), placed=timezone.now())
    after, _queries = dashboard(admin_client, this_month)
    assert (after["summary"].revenue.value, after["summary"].revenue.previous) == (
        Decimal("90000"),
        Decimal("700000"),
    )


def test_a_range_up_to_today_adds_the_cached_months_and_this_one_exactly(
    admin_client, sold_last_month
):
    today = timezone.localdate()
    artisan = sold_last_month[0].lines.get().artisan
    placed_order((ProductFactory(artisan=artisan), 3, "12345"), placed=timezone.now())
    placed_order((ProductFactory(), 1, "50000"), placed=timezone.now(), country_code="MY")
    params = {
        "period": "custom",
        "start": add_months(today, -12).isoformat(),
        "end": today.isoformat(),
        "currency": "IDR",
    }
    url = reverse("sales:dashboard")
    admin_client.get(url, params)  # caches the months before this one
    split = admin_client.get(url, params).context
    period = split["period"]
    whole = dashboard_figures(
        split["scope"], period, "IDR", figure_sums(split["scope"], period, "IDR")
    )
    for name in ("summary", "series", "refunds", "categories", "techniques", "countries"):
        assert split[name] == whole[name], name
    for name in ("artisans", "products"):
        assert split[name] == whole[name], name
    assert split["summary"].revenue.value == Decimal("787035")
    assert split["summary"].orders.value == 4


def test_a_refund_dated_in_a_closed_month_shows_at_once(
    admin_client, sold_last_month, django_capture_on_commit_callbacks
):
    kept, _cancelled = sold_last_month
    before, _queries = dashboard(admin_client, last_month())
    assert before["refunds"] == Decimal("0")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_line_refund(
            line=kept.lines.get(),
            quantity=1,
            reference="R-1",
            refunded_on=last_month().replace(day=20),
        )
    after, _queries = dashboard(admin_client, last_month())
    assert after["refunds"] == Decimal("150000.00")


def test_cancelling_an_order_of_a_closed_month_changes_its_revenue(
    admin_client, sold_last_month, django_capture_on_commit_callbacks
):
    _kept, cancelled = sold_last_month
    before, _queries = dashboard(admin_client, last_month())
    assert before["summary"].revenue.value == Decimal("700000")
    with django_capture_on_commit_callbacks(execute=True):
        cancelled.set_status(OrderStatus.CANCELLED)
    after, _queries = dashboard(admin_client, last_month())
    assert (after["summary"].revenue.value, after["summary"].orders.value) == (
        Decimal("300000"),
        1,
    )


def test_a_lost_month_version_recomputes_rather_than_shows_old_figures(
    admin_client, sold_last_month
):
    dashboard(admin_client, timezone.localdate())  # the session and site, read once
    _first, first_queries = dashboard(admin_client, last_month())
    cache.delete(f"sales:report-month:{last_month():%Y-%m}")
    _again, queries = dashboard(admin_client, last_month())
    assert queries == first_queries


def test_a_new_centre_gets_its_table_at_once_and_a_removed_one_no_error(
    admin_client, sold_last_month
):
    before, _queries = dashboard(admin_client, last_month())
    assert before["centres"] is None  # one centre: no table of centres
    second = CentreFactory()
    with_two, _queries = dashboard(admin_client, last_month())
    assert [row.label for row in with_two["centres"]["rows"]] == [
        sold_last_month[0].lines.get().centre_name
    ]
    second.delete()
    again, _queries = dashboard(admin_client, last_month())
    assert again["centres"] is None
