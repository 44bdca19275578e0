"""What each role sees on the back-office pages and in the CSV exports — and may not."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.sales import services
from marketplace.sales.models import LedgerEntry
from tests.factories import (
    ArtisanFactory,
    ProductFactory,
    UserFactory,
    artisan_user,
    centre_manager,
    placed_order,
)
from tests.sales.conftest import at

D = Decimal
MARCH = {"period": "month", "date": "2026-03-01", "currency": "IDR"}


def rows_of(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def settled(shop):
    """The known orders posted to the ledger, and a payout to Bu Wening (centre B)."""
    services.post_unposted_earnings()
    payout = services.record_payout(
        artisan=shop.b1,
        centre=shop.centre_b,
        amount=D("100000"),
        currency="IDR",
        paid_on=date(2026, 3, 20),
        bank_reference="TRF-B-1",
        user=shop.manager_b,
    )
    shop.payout_b = payout
    return shop


def account_url(centre, artisan, name="sales:account", *extra):
    return reverse(name, args=[centre.pk, artisan.pk, *extra])


# --- Who may enter -------------------------------------------------------------------
BACK_OFFICE_URLS = [
    reverse("backoffice:tasks"),
    reverse("sales:dashboard"),
    reverse("sales:export", args=["artisans"]),
    reverse("sales:settlements"),
    reverse("sales:settlements-export"),
]


@pytest.mark.parametrize("url", BACK_OFFICE_URLS)
def test_anonymous_visitors_are_sent_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login"))


@pytest.mark.parametrize("url", BACK_OFFICE_URLS)
@pytest.mark.parametrize("who", ["customer", "artisan", "staff"])
def test_users_without_a_centre_are_refused(client, artisan, url, who):
    users = {
        "customer": lambda: UserFactory(),
        "artisan": lambda: artisan_user(artisan),
        "staff": lambda: UserFactory(is_staff=True),
    }
    client.force_login(users[who]())
    assert client.get(url).status_code == 403


# --- A manager of A sees nothing of B ------------------------------------------------
def test_the_dashboard_of_a_manager_of_a_shows_only_centre_a(client, settled):
    client.force_login(settled.manager_a)
    response = client.get(reverse("sales:dashboard"), MARCH)
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["summary"].revenue.value == D("2499998.00")
    assert "Ibu Sri" in html and "Pak Darto" in html
    assert "Bu Wening" not in html
    assert "Sentra Batik B" not in html
    assert [row.label for row in response.context["artisans"]["rows"]] == ["Ibu Sri", "Pak Darto"]
    assert "<svg" in html and 'class="chart-bar"' in html


def test_the_dashboard_shows_every_centre_to_an_administrator(client, settled):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("sales:dashboard"), MARCH)
    assert response.context["summary"].revenue.value == D("3299998.00")
    assert [row.label for row in response.context["centres"]["rows"]] == [
        "Sentra Batik A",
        "Sentra Batik B",
    ]


@pytest.mark.parametrize(
    "table",
    [
        "summary",
        "series",
        "artisans",
        "centres",
        "categories",
        "techniques",
        "countries",
        "markets",
        "products",
    ],
)
def test_every_export_of_a_manager_of_a_holds_only_centre_a(client, settled, table):
    client.force_login(settled.manager_a)
    response = client.get(reverse("sales:export", args=[table]), MARCH)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    assert "Bu Wening" not in text and "Sentra Batik B" not in text
    if table == "summary":
        revenue = next(row for row in rows_of(response) if row["figure"] == "revenue")
        assert (revenue["value"], revenue["previous_period"]) == ("2499998", "1200000")


def test_the_artisan_export_adds_up_to_the_dashboard(client, settled):
    client.force_login(settled.manager_a)
    rows = rows_of(client.get(reverse("sales:export", args=["artisans"]), MARCH))
    assert [(row["name"], row["revenue"], row["units"], row["orders"]) for row in rows] == [
        ("Ibu Sri", "1449998", "3", "2"),
        ("Pak Darto", "1050000", "3", "1"),
    ]


@pytest.mark.parametrize(
    "name", ["sales:dashboard", "sales:export", "sales:settlements", "sales:settlements-export"]
)
@pytest.mark.parametrize("centre", ["b", "garbage"])
def test_asking_for_another_centres_figures_is_a_404(client, settled, name, centre):
    client.force_login(settled.manager_a)
    args = ["artisans"] if name == "sales:export" else []
    value = settled.centre_b.pk if centre == "b" else "1 OR 1=1"
    response = client.get(reverse(name, args=args), {**MARCH, "centre": value})
    assert response.status_code == 404


def test_a_manager_may_narrow_the_dashboard_to_one_of_their_centres(client, settled):
    manager = centre_manager(settled.centre_a, settled.centre_b)
    client.force_login(manager)
    both = client.get(reverse("sales:dashboard"), MARCH)
    only_b = client.get(reverse("sales:dashboard"), {**MARCH, "centre": settled.centre_b.pk})
    assert both.context["summary"].revenue.value == D("3299998.00")
    assert only_b.context["summary"].revenue.value == D("800000.00")


def test_the_settlement_list_of_a_manager_shows_only_their_accounts(client, settled):
    client.force_login(settled.manager_a)
    response = client.get(reverse("sales:settlements"))
    accounts = [(row.artisan.name, row.currency) for row in response.context["accounts"]]
    assert accounts == [("Ibu Sri", "IDR"), ("Ibu Sri", "USD"), ("Pak Darto", "IDR")]
    rows = rows_of(client.get(reverse("sales:settlements-export")))
    assert [(row["artisan"], row["balance"]) for row in rows] == [
        ("Ibu Sri", "2371748"),
        ("Ibu Sri", "76.52"),  # US$85.50 − 8.55 commission − 0.43 PPh 22
        ("Pak Darto", "1253000"),  # March 1,050,000 + April 350,000, − 10%, − 0.5%
    ]
    assert "Bu Wening" not in response.content.decode()


@pytest.mark.parametrize(
    "name, extra",
    [
        ("sales:account", []),
        ("sales:account-export", []),
        ("sales:statement", [2026, 3]),
    ],
)
def test_another_centres_account_is_a_404(client, settled, name, extra):
    client.force_login(settled.manager_a)
    url = account_url(settled.centre_b, settled.b1, name, *extra)
    assert client.get(url).status_code == 404
    # Nor can B's artisan be reached through A's centre.
    url = account_url(settled.centre_a, settled.b1, name, *extra)
    assert client.get(url).status_code == 404


def test_a_payout_posted_to_another_centres_account_changes_nothing(client, settled):
    client.force_login(settled.manager_a)
    before = LedgerEntry.objects.count()
    data = {
        "amount": "1000",
        "currency": "IDR",
        "paid_on": "2026-03-21",
        "bank_reference": "SNEAKY",
    }
    for centre in (settled.centre_a, settled.centre_b):
        response = client.post(account_url(centre, settled.b1), data)
        assert response.status_code == 404
    assert LedgerEntry.objects.count() == before


def test_reversing_another_centres_payout_changes_nothing(client, settled):
    client.force_login(settled.manager_a)
    before = LedgerEntry.objects.count()
    for centre, artisan in ((settled.centre_b, settled.b1), (settled.centre_a, settled.a1)):
        url = account_url(centre, artisan, "sales:reverse-entry", settled.payout_b.pk)
        assert client.post(url, {"reason": "mine now"}).status_code == 404
    assert LedgerEntry.objects.count() == before


# --- Settling an account -------------------------------------------------------------
def test_a_manager_records_a_payout_and_sees_the_balance_fall(client, settled):
    client.force_login(settled.manager_a)
    url = account_url(settled.centre_a, settled.a1)
    # Ibu Sri: Feb 1,200,000 + Mar 1,250,000 + 199,998 = 2,649,998 in sales;
    # 10% commission 265,000; PPh 22 0.5% 6,000 + 6,250 + 1,000 (199,998 × 0.5% = 999.99).
    assert client.get(url).context["balance"] == D("2371748.00")
    response = client.post(
        url,
        {
            "amount": "1000000",
            "currency": "IDR",
            "paid_on": "2026-03-25",
            "bank_reference": "BCA-778899",
            "note": "Maret",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.context["balance"] == D("1371748.00")
    assert "BCA-778899" in page.content.decode()
    entry = LedgerEntry.objects.get(reference="BCA-778899")
    assert (entry.created_by, entry.amount) == (settled.manager_a, D("-1000000.00"))


def test_an_invalid_payout_shows_why_and_records_nothing(client, settled):
    client.force_login(settled.manager_a)
    url = account_url(settled.centre_a, settled.a1)
    response = client.post(
        url,
        {
            "amount": "99999999",
            "currency": "IDR",
            "paid_on": "2026-03-25",
            "bank_reference": "BCA-1",
        },
    )
    assert response.status_code == 400
    assert response.context["payout_form"].errors["amount"]
    assert not LedgerEntry.objects.filter(kind="payout", artisan=settled.a1).exists()


def test_a_manager_reverses_their_own_payout(client, settled):
    client.force_login(settled.manager_b)
    url = account_url(settled.centre_b, settled.b1, "sales:reverse-entry", settled.payout_b.pk)
    response = client.post(url, {"reason": "wrong account number"})
    assert response.status_code == 302
    assert settled.payout_b.__class__.objects.get(corrects=settled.payout_b).amount == D(
        "100000.00"
    )


def test_the_statement_page_prints_the_month(client, settled):
    client.force_login(settled.manager_b)
    response = client.get(account_url(settled.centre_b, settled.b1, "sales:statement", 2026, 3))
    assert response.status_code == 200
    statement = response.context["statements"][0]
    # February: 400,000 − 40,000 − 2,000. March: 800,000 − 80,000 − 4,000, paid 100,000.
    assert statement.opening_balance == D("358000.00")
    assert statement.closing_balance == D("974000.00")
    html = response.content.decode()
    assert 'media="print"' in html and "statement-print.css" in html


def test_the_account_ledger_exports_as_csv(client, settled):
    client.force_login(settled.manager_b)
    rows = rows_of(client.get(account_url(settled.centre_b, settled.b1, "sales:account-export")))
    # The kind is written in the manager's language (the shop's default, Indonesian).
    assert [(row["kind"], row["amount"], row["balance"]) for row in rows][-1] == (
        "Pencairan",
        "-100000",
        "974000",
    )


def test_a_name_that_looks_like_a_formula_is_neutralised_in_csv(client, settled):
    artisan = ArtisanFactory(name="=HYPERLINK(1)", centre=settled.centre_a)
    placed_order((ProductFactory(artisan=artisan), 1, "5000"), placed=at(2026, 3, 3))
    client.force_login(settled.manager_a)
    response = client.get(reverse("sales:export", args=["artisans"]), MARCH)
    assert "'=HYPERLINK(1)" in [row["name"] for row in rows_of(response)]


# --- Query counts --------------------------------------------------------------------
def more_sales(shop, count):
    for index in range(count):
        artisan = ArtisanFactory(centre=shop.centre_a)
        product = ProductFactory(artisan=artisan)
        placed_order((product, 1, "150000"), placed=at(2026, 3, 1 + index % 28), country_code="MY")
    services.post_unposted_earnings()


# Oscar's layout costs about ten queries for a signed-in user (session, basket, menu,
# notifications); each page's own reads are a fixed number on top.
@pytest.mark.parametrize(
    "url, params, bound",
    [
        (reverse("sales:dashboard"), MARCH, 23),
        (reverse("sales:export", args=["artisans"]), MARCH, 8),
        (reverse("sales:settlements"), {}, 16),
        # Five sections: approvals, certificates, bank transfers, payouts, statements.
        (reverse("backoffice:tasks"), {}, 23),
    ],
)
def test_back_office_pages_make_the_same_number_of_queries_for_more_rows(
    client, settled, django_assert_num_queries, url, params, bound
):
    client.force_login(settled.manager_a)
    client.get(url, params)  # the first visit opens a basket
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, params).status_code == 200
    assert len(few) <= bound
    more_sales(settled, 12)
    with django_assert_num_queries(len(few)):
        assert client.get(url, params).status_code == 200


def test_the_account_page_makes_the_same_number_of_queries_for_more_entries(
    client, settled, django_assert_num_queries
):
    client.force_login(settled.manager_a)
    url = account_url(settled.centre_a, settled.a1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    assert len(few) <= 18
    for _ in range(60):  # more than a page of entries
        placed_order((settled.p1, 1, "1250000"))
    services.post_unposted_earnings()
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    # 9 entries + 60 × (sale, commission, PPh 22) = 189: it opens on the newest page.
    assert (response.context["page"].number, len(response.context["entries"])) == (4, 39)


def test_chart_coordinates_keep_a_decimal_point_in_indonesian(settled):
    """Indonesian number formatting writes 240,0: SVG would then draw nothing."""
    import re

    from django.test import Client

    indonesian = Client(headers={"accept-language": "id"})
    indonesian.force_login(settled.manager_a)
    html = indonesian.get(reverse("sales:dashboard"), MARCH).content.decode()
    assert 'class="chart-bar"' in html
    assert re.findall(r'(?:x|y|width|height)="-?\d+,\d+"', html) == []
