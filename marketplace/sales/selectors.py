"""Reads of the settlement ledger: balances, accounts, running ledgers, statements.

Each read is one or two aggregate queries whatever the number of entries; running
balances are computed by the database (a window sum), so a page of a long ledger
still shows the right balance on every row.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Max, Q, Sum, Window
from django.db.models.functions import Coalesce

from .models import EntryKind, LedgerEntry
from .money import ZERO
from .scope import Scope, filter_by_centre

MONEY_ZERO = Coalesce(Sum("amount"), ZERO)


def _sum(kinds) -> Coalesce:
    return Coalesce(Sum("amount", filter=Q(kind__in=kinds)), ZERO)


# Net figures per account: a refund reduces sales, returned commission and tax
# reduce what was taken.
ACCOUNT_FIGURES = {
    "sales": _sum([EntryKind.SALE, EntryKind.REFUND]),
    "commission": _sum([EntryKind.COMMISSION, EntryKind.COMMISSION_REFUND]),
    "tax": _sum([EntryKind.PPH22, EntryKind.PPH22_REFUND]),
    "payouts": _sum([EntryKind.PAYOUT, EntryKind.CORRECTION]),
    "balance": MONEY_ZERO,
}


def account_balance(*, artisan_id: int, centre_id: int, currency: str) -> Decimal:
    """What the marketplace owes the artisan on this account now."""
    return LedgerEntry.objects.filter(
        artisan_id=artisan_id, centre_id=centre_id, currency=currency
    ).aggregate(balance=MONEY_ZERO)["balance"]


def settlement_accounts(scope: Scope, *, only_owed: bool = False):
    """One row per artisan account in ``scope``: net sales, commission, tax, payouts,
    balance and the last payout date. A single grouped query."""
    queryset = filter_by_centre(LedgerEntry.objects.all(), scope)
    rows = (
        queryset.values("artisan_id", "centre_id", "currency")
        .annotate(
            artisan_name=F("artisan__name"),
            centre_name=F("centre__name"),
            last_payout=Max("effective_date", filter=Q(kind=EntryKind.PAYOUT)),
            entry_count=Count("id"),
            **ACCOUNT_FIGURES,
        )
        .order_by("centre_name", "artisan_name", "currency")
    )
    if only_owed:
        rows = rows.filter(balance__gt=0)
    return rows


def account_currencies(*, artisan_id: int, centre_id: int) -> dict[str, Decimal]:
    """The balance of each currency the account has entries in (one query)."""
    rows = (
        LedgerEntry.objects.filter(artisan_id=artisan_id, centre_id=centre_id)
        .values("currency")
        .annotate(balance=MONEY_ZERO)
        .order_by("currency")
    )
    return {row["currency"]: row["balance"] for row in rows}


def account_entries(*, artisan_id: int, centre_id: int, currency: str):
    """The account's entries in date order, each with the running balance after it."""
    return (
        LedgerEntry.objects.filter(artisan_id=artisan_id, centre_id=centre_id, currency=currency)
        .select_related("created_by", "corrects", "correction")
        .annotate(
            running_balance=Window(
                Sum("amount"), order_by=[F("effective_date").asc(), F("id").asc()]
            )
        )
        .order_by("effective_date", "id")
    )


@dataclass
class Statement:
    currency: str
    month_start: date
    month_end: date  # exclusive
    opening_balance: Decimal
    entries: list
    totals: dict[str, Decimal]
    closing_balance: Decimal


def monthly_statement(
    *, artisan_id: int, centre_id: int, currency: str, month_start: date, month_end: date
) -> Statement:
    """Opening balance, the month's entries with running balances, totals, closing.

    Two queries. The running balance starts from the opening balance, so the last
    row's balance is the closing balance.
    """
    account = LedgerEntry.objects.filter(
        artisan_id=artisan_id, centre_id=centre_id, currency=currency
    )
    opening = account.filter(effective_date__lt=month_start).aggregate(balance=MONEY_ZERO)[
        "balance"
    ]
    entries = list(
        account.filter(effective_date__gte=month_start, effective_date__lt=month_end)
        .select_related("created_by")
        .order_by("effective_date", "id")
    )
    running = opening
    totals = {key: ZERO for key in ("sales", "commission", "tax", "payouts")}
    kind_to_total = {
        EntryKind.SALE: "sales",
        EntryKind.REFUND: "sales",
        EntryKind.COMMISSION: "commission",
        EntryKind.COMMISSION_REFUND: "commission",
        EntryKind.PPH22: "tax",
        EntryKind.PPH22_REFUND: "tax",
        EntryKind.PAYOUT: "payouts",
        EntryKind.CORRECTION: "payouts",
    }
    for entry in entries:
        running += entry.amount
        entry.running_balance = running
        totals[kind_to_total[entry.kind]] += entry.amount
    return Statement(
        currency=currency,
        month_start=month_start,
        month_end=month_end,
        opening_balance=opening,
        entries=entries,
        totals=totals,
        closing_balance=running,
    )


def accounts_active_in(scope: Scope, *, start: date, end: date):
    """Accounts with entries dated in [start, end): whose monthly statement to send."""
    queryset = filter_by_centre(
        LedgerEntry.objects.filter(effective_date__gte=start, effective_date__lt=end), scope
    )
    return (
        queryset.values("artisan_id", "centre_id", "currency")
        .annotate(
            artisan_name=F("artisan__name"),
            centre_name=F("centre__name"),
            entry_count=Count("id"),
        )
        .order_by("centre_name", "artisan_name", "currency")
    )
