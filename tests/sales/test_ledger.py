"""The settlement ledger: exact arithmetic, idempotent posting, append-only rows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.sales import selectors, services
from marketplace.sales.models import (
    AppendOnlyError,
    EntryKind,
    LedgerEntry,
    Pph22Status,
    SettlementAccount,
)
from marketplace.sales.scope import Scope
from tests.factories import ArtisanFactory, ProductFactory, centre_manager, placed_order
from tests.sales.conftest import at

Order = get_model("order", "Order")
D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def product(artisan):
    return ProductFactory(artisan=artisan)


@pytest.fixture
def manager(centre):
    return centre_manager(centre)


def balance(artisan, centre, currency="IDR"):
    return selectors.account_balance(artisan_id=artisan.pk, centre_id=centre.pk, currency=currency)


def entries(artisan):
    return [
        (entry.kind, entry.amount)
        for entry in LedgerEntry.objects.filter(artisan=artisan).order_by("id")
    ]


def test_a_paid_line_earns_sale_minus_commission_and_withheld_tax(artisan, centre, product):
    order = placed_order((product, 2, "250000"), placed=at(2026, 3, 2))
    result = services.post_order_earnings(order=order)
    assert (result.lines_posted, result.entries_created) == (1, 3)
    assert entries(artisan) == [
        ("sale", D("500000.00")),
        ("commission", D("-50000.00")),  # the default 10%
        ("pph22", D("-2500.00")),  # 0.5%: no small-seller statement on file
    ]
    assert balance(artisan, centre) == D("447500.00")
    sale = LedgerEntry.objects.get(kind="sale")
    assert (sale.effective_date, sale.order_number, sale.quantity) == (
        date(2026, 3, 2),
        order.number,
        2,
    )


def test_refunds_and_a_payout_move_the_balance_exactly(artisan, centre, product, manager):
    order = placed_order((product, 2, "250000"), placed=at(2026, 3, 2))
    services.post_order_earnings(order=order)
    line = order.lines.get()

    services.post_line_refund(line=line, quantity=1, reference="R1")
    assert balance(artisan, centre) == D("223750.00")  # 447,500 − 250,000 + 25,000 + 1,250

    services.record_payout(
        artisan=artisan,
        centre=centre,
        amount=D("200000"),
        currency="IDR",
        paid_on=date(2026, 3, 20),
        bank_reference="TRF-0001",
        user=manager,
    )
    assert balance(artisan, centre) == D("23750.00")

    services.post_line_refund(line=line, quantity=1, reference="R2")
    # The artisan was paid for a piece that came back: they now owe the difference.
    assert balance(artisan, centre) == D("-200000.00")
    (account,) = selectors.settlement_accounts(Scope(centres=(centre,), is_admin=False))
    assert (
        account.sales_amount,
        account.commission_amount,
        account.tax_amount,
        account.payouts_amount,
    ) == (
        D("0.00"),
        D("0.00"),
        D("0.00"),
        D("-200000.00"),
    )


def test_refund_shares_round_once_and_add_back_to_the_exact_postings(artisan, centre):
    product = ProductFactory(artisan=artisan)
    services.set_pph22_status(artisan=artisan, status=Pph22Status.WITHHELD)
    order = placed_order((product, 3, "33335"), placed=at(2026, 3, 2))
    services.post_order_earnings(order=order)
    # 100,005 × 10% = 10,000.5 → 10,001 (half up); × 0.5% = 500.025 → 500.
    assert entries(artisan) == [
        ("sale", D("100005.00")),
        ("commission", D("-10001.00")),
        ("pph22", D("-500.00")),
    ]
    line = order.lines.get()
    shares = []
    for reference in ("R1", "R2", "R3"):
        refund = services.post_line_refund(line=line, quantity=1, reference=reference)
        shares.append(tuple(entry.amount for entry in refund))
    assert shares == [
        (D("-33335"), D("3334"), D("167")),
        (D("-33335"), D("3333"), D("166")),
        (D("-33335"), D("3334"), D("167")),
    ]
    assert balance(artisan, centre) == D("0.00")


def test_refunding_more_units_than_were_sold_is_refused(artisan, product):
    order = placed_order((product, 1, "250000"))
    services.post_order_earnings(order=order)
    line = order.lines.get()
    services.post_line_refund(line=line, quantity=1, reference="R1")
    with pytest.raises(ValidationError):
        services.post_line_refund(line=line, quantity=1, reference="R2")
    assert LedgerEntry.objects.filter(kind="refund").count() == 1


def test_the_same_refund_posted_twice_is_posted_once(artisan, product):
    order = placed_order((product, 2, "250000"))
    services.post_order_earnings(order=order)
    line = order.lines.get()
    first = services.post_line_refund(line=line, quantity=1, reference="stripe:re_1")
    again = services.post_line_refund(line=line, quantity=1, reference="stripe:re_1")
    assert [e.pk for e in again] == [e.pk for e in first]
    assert LedgerEntry.objects.filter(kind__in=["refund", "commission_refund"]).count() == 2


def test_posting_an_order_again_adds_nothing(artisan, product):
    order = placed_order((product, 1, "250000"))
    services.post_order_earnings(order=order)
    again = services.post_order_earnings(order=order)
    assert (again.lines_posted, again.entries_created) == (0, 0)
    assert LedgerEntry.objects.count() == 3


def test_an_unpaid_order_earns_nothing(artisan, product):
    order = placed_order((product, 1, "250000"), status="Awaiting payment")
    with pytest.raises(ValidationError):
        services.post_order_earnings(order=order)
    assert services.post_unposted_earnings().entries_created == 0
    assert LedgerEntry.objects.count() == 0


def test_commission_follows_the_rate_of_the_line_centre(artisan, centre, product):
    services.set_commission_rate(centre=centre, rate=D("0.075"))
    order = placed_order((product, 1, "250000"))
    services.set_pph22_status(artisan=artisan, status=Pph22Status.EXEMPT)
    services.post_order_earnings(order=order)
    assert entries(artisan) == [("sale", D("250000.00")), ("commission", D("-18750.00"))]


@pytest.mark.parametrize(
    "status, withheld",
    [
        (Pph22Status.STATEMENT, [D("0"), D("-1000.00"), D("-500.00"), D("0")]),
        (Pph22Status.EXEMPT, [D("0"), D("0"), D("0"), D("0")]),
        (
            Pph22Status.WITHHELD,
            [D("-2499500.00"), D("-1000.00"), D("-500.00"), D("-500.00")],
        ),
    ],
)
def test_pph22_is_withheld_by_status_and_yearly_turnover(artisan, product, status, withheld):
    services.set_pph22_status(artisan=artisan, status=status, reference="SP-1")
    prices_and_dates = [
        ("499900000", at(2026, 1, 10)),  # turnover 499.9 juta: under the threshold
        ("200000", at(2026, 2, 10)),  # 500.1 juta: passes it, withheld from here on
        ("100000", at(2026, 3, 10)),
        ("100000", at(2027, 1, 5)),  # a new year starts from nothing
    ]
    taxes = []
    for price, when in prices_and_dates:
        order = placed_order((product, 1, price), placed=when)
        services.post_order_earnings(order=order)
        tax = LedgerEntry.objects.filter(order_line__order=order, kind="pph22").first()
        taxes.append(tax.amount if tax else D("0"))
    assert taxes == withheld


def test_refunds_lower_the_turnover_counted_for_pph22(artisan, product):
    services.set_pph22_status(artisan=artisan, status=Pph22Status.STATEMENT)
    big = placed_order((product, 2, "250000000"), placed=at(2026, 1, 10))
    services.post_order_earnings(order=big)  # 500 juta: not above the threshold
    services.post_line_refund(line=big.lines.get(), quantity=1, reference="R1")
    small = placed_order((product, 1, "200000"), placed=at(2026, 2, 10))
    services.post_order_earnings(order=small)  # 250.2 juta after the refund
    assert not LedgerEntry.objects.filter(kind="pph22").exists()


# --- Order status signals ------------------------------------------------------------
PIPELINE = {
    "Awaiting payment": ("Paid", "Cancelled"),
    "Paid": ("Shipped", "Cancelled"),
    "Shipped": ("Complete",),
    "Complete": (),
    "Cancelled": (),
}


def test_paying_an_order_posts_earnings_and_cancelling_it_refunds_them(
    artisan, centre, product, monkeypatch
):
    monkeypatch.setattr(Order, "pipeline", PIPELINE)
    order = placed_order((product, 2, "250000"), status="Awaiting payment")
    assert LedgerEntry.objects.count() == 0
    order.set_status("Paid")
    assert balance(artisan, centre) == D("447500.00")
    order.set_status("Cancelled")
    assert balance(artisan, centre) == D("0.00")
    assert set(
        LedgerEntry.objects.filter(
            kind__in=["refund", "commission_refund", "pph22_refund"]
        ).values_list("reference", flat=True)
    ) == {f"cancel:{order.number}"}


def test_shipping_and_completing_a_paid_order_posts_nothing_more(artisan, product, monkeypatch):
    monkeypatch.setattr(Order, "pipeline", PIPELINE)
    order = placed_order((product, 1, "250000"), status="Awaiting payment")
    order.set_status("Paid")
    order.set_status("Shipped")
    order.set_status("Complete")
    assert LedgerEntry.objects.count() == 3


# --- Payouts -------------------------------------------------------------------------
@pytest.fixture
def owed(artisan, product):
    """An account owed Rp447.500."""
    services.post_order_earnings(order=placed_order((product, 2, "250000")))


def payout(artisan, centre, user, amount="100000", reference="TRF-1", paid_on=None):
    return services.record_payout(
        artisan=artisan,
        centre=centre,
        amount=D(amount),
        currency="IDR",
        paid_on=paid_on or timezone.localdate(),
        bank_reference=reference,
        user=user,
    )


def test_a_payout_records_who_when_and_the_bank_reference(owed, artisan, centre, manager):
    entry = payout(artisan, centre, manager, paid_on=date(2026, 3, 20))
    entry.refresh_from_db()
    assert (entry.kind, entry.amount, entry.reference, entry.created_by, entry.effective_date) == (
        "payout",
        D("-100000.00"),
        "TRF-1",
        manager,
        date(2026, 3, 20),
    )


@pytest.mark.parametrize(
    "amount, reference, days_ahead, field",
    [
        ("447501", "TRF-1", 0, "amount"),  # more than is owed
        ("0", "TRF-1", 0, "amount"),
        ("100.50", "TRF-1", 0, "amount"),  # rupiah are whole
        ("1000", "  ", 0, "bank_reference"),
        ("1000", "TRF-1", 1, "paid_on"),
    ],
)
def test_invalid_payouts_are_refused_and_record_nothing(
    owed, artisan, centre, manager, amount, reference, days_ahead, field
):
    with pytest.raises(ValidationError) as refused:
        payout(
            artisan,
            centre,
            manager,
            amount=amount,
            reference=reference,
            paid_on=timezone.localdate() + timedelta(days=days_ahead),
        )
    assert field in refused.value.error_dict
    assert not LedgerEntry.objects.filter(kind="payout").exists()


def test_the_whole_balance_can_be_paid_out(owed, artisan, centre, manager):
    payout(artisan, centre, manager, amount="447500")
    assert balance(artisan, centre) == D("0.00")


def test_the_same_bank_reference_is_recorded_once(owed, artisan, centre, manager):
    payout(artisan, centre, manager)
    with pytest.raises(ValidationError):
        payout(artisan, centre, manager)
    assert balance(artisan, centre) == D("347500.00")


def test_a_manager_of_another_centre_cannot_record_a_payout(owed, artisan, centre):
    other_manager = centre_manager(ArtisanFactory().centre)
    with pytest.raises(PermissionDenied):
        payout(artisan, centre, other_manager)
    assert not LedgerEntry.objects.filter(kind="payout").exists()


def test_a_reversed_payout_stays_in_the_ledger_beside_its_correction(
    owed, artisan, centre, manager
):
    entry = payout(artisan, centre, manager)
    correction = services.reverse_entry(entry=entry, user=manager, reason="typed 100k, sent 10k")
    assert (correction.kind, correction.amount, correction.corrects_id) == (
        "correction",
        D("100000.00"),
        entry.pk,
    )
    assert balance(artisan, centre) == D("447500.00")
    with pytest.raises(ValidationError):
        services.reverse_entry(entry=entry, user=manager, reason="again")
    # The reference of a reversed payout can be recorded again, right this time.
    payout(artisan, centre, manager, amount="10000")
    assert balance(artisan, centre) == D("437500.00")


def test_only_payouts_can_be_reversed(owed, manager):
    sale = LedgerEntry.objects.get(kind="sale")
    with pytest.raises(ValidationError):
        services.reverse_entry(entry=sale, user=manager, reason="no")


# --- Append-only ---------------------------------------------------------------------
def test_an_entry_cannot_be_changed_or_deleted_through_the_orm(owed):
    entry = LedgerEntry.objects.get(kind="sale")
    entry.amount = D("1")
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=D("1"))
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.filter(pk=entry.pk).delete()
    assert LedgerEntry.objects.get(pk=entry.pk).amount == D("500000.00")


def test_the_database_refuses_an_update_in_sql(owed):
    entry = LedgerEntry.objects.get(kind="sale")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE sales_ledgerentry SET amount = 1 WHERE id = %s", [entry.pk])
    assert LedgerEntry.objects.get(pk=entry.pk).amount == D("500000.00")


def test_postgresql_refuses_a_delete_in_sql(needs_postgres, owed):
    entry = LedgerEntry.objects.get(kind="sale")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM sales_ledgerentry WHERE id = %s", [entry.pk])
    assert LedgerEntry.objects.filter(pk=entry.pk).exists()


def test_a_sale_cannot_be_posted_twice_for_one_line(owed):
    sale = LedgerEntry.objects.get(kind="sale")
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            artisan_id=sale.artisan_id,
            centre_id=sale.centre_id,
            currency="IDR",
            kind=EntryKind.SALE,
            amount=sale.amount,
            effective_date=sale.effective_date,
            order_line_id=sale.order_line_id,
        )


# --- Statements ----------------------------------------------------------------------
def test_a_monthly_statement_opens_with_last_months_balance(artisan, centre, product, manager):
    services.post_order_earnings(order=placed_order((product, 1, "250000"), placed=at(2026, 2, 5)))
    services.post_order_earnings(order=placed_order((product, 2, "250000"), placed=at(2026, 3, 9)))
    payout(artisan, centre, manager, amount="200000", paid_on=date(2026, 3, 5))
    statement = selectors.monthly_statement(
        artisan_id=artisan.pk,
        centre_id=centre.pk,
        currency="IDR",
        month_start=date(2026, 3, 1),
        month_end=date(2026, 4, 1),
    )
    assert statement.opening_balance == D("223750.00")  # 250,000 − 25,000 − 1,250
    assert [(e.kind, e.amount, e.running_balance) for e in statement.entries] == [
        ("payout", D("-200000.00"), D("23750.00")),
        ("sale", D("500000.00"), D("523750.00")),
        ("commission", D("-50000.00"), D("473750.00")),
        ("pph22", D("-2500.00"), D("471250.00")),
    ]
    assert statement.totals == {
        "sales": D("500000.00"),
        "commission": D("-50000.00"),
        "tax": D("-2500.00"),
        "payouts": D("-200000.00"),
    }
    assert statement.closing_balance == D("471250.00") == balance(artisan, centre)


def test_running_balances_in_the_account_ledger(artisan, centre, product, manager):
    services.post_order_earnings(order=placed_order((product, 1, "250000"), placed=at(2026, 2, 5)))
    payout(artisan, centre, manager, amount="23750", paid_on=date(2026, 2, 6))
    rows = selectors.account_entries(artisan_id=artisan.pk, centre_id=centre.pk, currency="IDR")
    assert [(row.kind, row.running_balance) for row in rows] == [
        ("sale", D("250000.00")),
        ("commission", D("225000.00")),
        ("pph22", D("223750.00")),
        ("payout", D("200000.00")),
    ]


def test_earnings_in_another_currency_are_a_separate_balance(artisan, centre, product):
    services.set_pph22_status(artisan=artisan, status=Pph22Status.EXEMPT)
    services.post_order_earnings(order=placed_order((product, 1, "85.55"), currency="USD"))
    services.post_order_earnings(order=placed_order((product, 1, "250000")))
    assert selectors.account_currencies(artisan_id=artisan.pk, centre_id=centre.pk) == {
        "IDR": D("225000.00"),
        "USD": D("76.99"),  # 85.55 − 8.555 rounded half up to 8.56
    }


# --- Running totals ------------------------------------------------------------------
def test_account_totals_stay_equal_to_the_sums_of_their_entries(artisan, centre, product, manager):
    services.set_commission_rate(centre=centre, rate=D("0.125"))
    orders = [placed_order((product, 3, "33335"), placed=at(2026, 3, day)) for day in (2, 9)]
    for order in orders:
        services.post_order_earnings(order=order)
    services.post_line_refund(line=orders[0].lines.get(), quantity=2, reference="R1")
    entry = payout(artisan, centre, manager, amount="50000", paid_on=date(2026, 3, 12))
    services.reverse_entry(entry=entry, user=manager, reason="wrong amount")
    payout(artisan, centre, manager, amount="5000", paid_on=date(2026, 3, 11))
    services.post_order_cancellation(order=orders[1])
    assert selectors.accounts_out_of_step() == []
    account = SettlementAccount.objects.get()
    assert (account.balance_amount, account.last_payout_on) == (
        balance(artisan, centre),
        date(2026, 3, 11),  # the payout of the 12th was reversed
    )


def test_a_running_total_that_drifted_from_its_entries_is_reported(owed):
    SettlementAccount.objects.update(balance_amount=D("1"))
    (problem,) = selectors.accounts_out_of_step()
    assert problem["entries"][-1] == D("447500.00")
    assert problem["totals"][-1] == D("1")


def test_a_payout_is_written_to_the_audit_trail(owed, artisan, centre, manager):
    from marketplace.audit.models import AuditEvent

    before = balance(artisan, centre)
    entry = payout(artisan, centre, manager, amount="100000", reference="TRF-AUDIT")
    event = AuditEvent.objects.get(action="payout_recorded")
    assert (event.actor_id, event.centre_id, event.target_id) == (
        manager.pk,
        centre.pk,
        str(entry.pk),
    )
    assert event.after["amount"] == "100000"
    assert event.after["bank_reference"] == "TRF-AUDIT"
    assert D(event.before["balance"]) - D(event.after["balance"]) == D("100000")
    assert D(event.before["balance"]) == before
