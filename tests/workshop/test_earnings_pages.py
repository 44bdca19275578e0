"""My earnings: an artisan reads their own ledger — totals, sales by month, statements."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.sales import services
from marketplace.sales.models import LedgerEntry
from marketplace.workshop.views import earnings
from tests.factories import artisan_user
from tests.sales.conftest import shop  # noqa: F401 - the known sales data

Line = get_model("order", "Line")
D = Decimal
pytestmark = pytest.mark.django_db
EARNINGS = reverse("dashboard:workshop-earnings")


@pytest.fixture
def april_2026(monkeypatch):
    monkeypatch.setattr(earnings, "today", lambda: date(2026, 4, 15))


@pytest.fixture
def posted(shop):  # noqa: F811
    services.post_unposted_earnings()
    services.record_payout(
        artisan=shop.a1,
        centre=shop.centre_a,
        amount=D("1000000"),
        currency="IDR",
        paid_on=date(2026, 3, 25),
        bank_reference="TRF-A-1",
        user=shop.manager_a,
    )
    shop.sri = artisan_user(shop.a1)
    return shop


def statement_url(artisan, centre, year, month):
    return reverse(
        "dashboard:workshop-statement",
        kwargs={"artisan_id": artisan.pk, "centre_id": centre.pk, "year": year, "month": month},
    )


@pytest.mark.usefixtures("april_2026")
def test_an_artisan_sees_their_totals_and_net_sales_by_month(client, posted):
    client.force_login(posted.sri)
    response = client.get(EARNINGS)
    assert response.status_code == 200
    accounts = response.context["accounts"]
    assert [(a.centre.name, a.currency) for a in accounts] == [
        ("Sentra Batik A", "IDR"),
        ("Sentra Batik A", "USD"),
    ]
    idr = accounts[0]
    # February 1,200,000; March 1,250,000 + 2 × 99,999. The cancelled order earns nothing.
    assert idr.sales_amount == D("2649998.00")
    assert idr.payouts_amount == D("-1000000.00")
    assert idr.balance_amount == (
        idr.sales_amount + idr.commission_amount + idr.tax_amount + idr.payouts_amount
    )
    assert [
        (row["month"], row["currency"], row["units"], row["net_sales"])
        for row in response.context["months"]
    ] == [
        (date(2026, 3, 1), "IDR", 3, D("1449998.00")),
        (date(2026, 3, 1), "USD", 1, D("85.50")),
        (date(2026, 2, 1), "IDR", 1, D("1200000.00")),
    ]
    html = response.content.decode()
    assert "Bu Wening" not in html and "Pak Darto" not in html
    assert statement_url(posted.a1, posted.centre_a, 2026, 3) in html


@pytest.mark.usefixtures("april_2026")
def test_a_refund_lowers_the_month_it_is_dated_in(client, posted):
    line = Line.objects.get(order=posted.orders.o1, product=posted.p1)
    services.post_line_refund(
        line=line, quantity=1, reference="RF-1", refunded_on=date(2026, 3, 20)
    )
    client.force_login(posted.sri)
    months = client.get(EARNINGS).context["months"]
    assert (months[0]["units"], months[0]["net_sales"]) == (2, D("199998.00"))


def test_an_artisan_prints_their_own_statement(client, posted):
    client.force_login(posted.sri)
    response = client.get(statement_url(posted.a1, posted.centre_a, 2026, 3))
    assert response.status_code == 200
    idr = response.context["statements"][0]
    assert idr.currency == "IDR"
    assert idr.totals["sales"] == D("1449998.00")
    assert idr.totals["payouts"] == D("-1000000.00")
    assert idr.closing_balance == idr.opening_balance + sum(e.amount for e in idr.entries)
    assert "TRF-A-1" in response.content.decode()


@pytest.mark.parametrize("whose", ["other artisan", "other centre"])
def test_another_account_statement_is_a_404(client, posted, whose):
    client.force_login(posted.sri)
    artisan, centre = {
        "other artisan": (posted.a2, posted.centre_a),
        "other centre": (posted.a1, posted.centre_b),
    }[whose]
    assert client.get(statement_url(artisan, centre, 2026, 3)).status_code == 404


def test_a_manager_without_a_workshop_is_refused(client, posted):
    client.force_login(posted.manager_a)
    assert client.get(EARNINGS).status_code == 403


def test_the_earnings_page_makes_the_same_number_of_queries_for_more_months(
    client, posted, april_2026
):
    client.force_login(posted.sri)
    with CaptureQueriesContext(connection) as few:
        client.get(EARNINGS)
    for month in (5, 6, 7, 8, 9, 10):
        services.record_payout(
            artisan=posted.a1,
            centre=posted.centre_a,
            amount=D("1000"),
            currency="IDR",
            paid_on=date(2025, month, 2),
            bank_reference=f"TRF-{month}",
            user=posted.manager_a,
        )
    assert LedgerEntry.objects.filter(artisan=posted.a1).count() > 12
    with CaptureQueriesContext(connection) as many:
        client.get(EARNINGS)
    assert len(many) == len(few)
