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
from tests.factories import ArtisanFactory, ProductFactory, UserFactory, placed_order

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


def test_this_months_figures_are_never_cached(admin_client, sold_last_month):
    this_month = timezone.localdate().replace(day=1)
    dashboard(admin_client, this_month)  # the session and site, read once
    _first, first_queries = dashboard(admin_client, this_month)
    _again, queries = dashboard(admin_client, this_month)
    assert queries == first_queries


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
