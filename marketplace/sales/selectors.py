"""Reads of the settlement ledger: balances, accounts, running ledgers, statements.

Each read is one or two aggregate queries whatever the number of entries; running
balances are computed by the database (a window sum), so a page of a long ledger
still shows the right balance on every row.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F, Q, Sum, Window
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404

from marketplace.centres.models import Artisan
from marketplace.core.money import ZERO

from .models import EntryKind, LedgerEntry, SettlementAccount
from .periods import add_months
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
    """The accounts in ``scope`` with their running totals, by centre, artisan and
    currency: one query (a page of it), however long the ledger."""
    accounts = filter_by_centre(SettlementAccount.objects.all(), scope).select_related(
        "artisan", "centre"
    )
    if only_owed:
        accounts = accounts.filter(balance_amount__gt=0)
    return accounts.order_by("centre__name", "artisan__name", "currency")


def account_currencies(*, artisan_id: int, centre_id: int) -> dict[str, Decimal]:
    """The balance of each currency the account has entries in (one query)."""
    return dict(
        SettlementAccount.objects.filter(artisan_id=artisan_id, centre_id=centre_id)
        .order_by("currency")
        .values_list("currency", "balance_amount")
    )


def accounts_out_of_step() -> list[dict]:
    """Accounts whose running totals differ from the sums of their entries.

    Empty when all is well. Sums the whole ledger: a check for tests and audits,
    not for pages.
    """
    sums = {
        (row["artisan_id"], row["centre_id"], row["currency"]): row
        for row in LedgerEntry.objects.values("artisan_id", "centre_id", "currency")
        .annotate(**ACCOUNT_FIGURES)
        .order_by()
    }
    problems = []
    accounts = {(a.artisan_id, a.centre_id, a.currency): a for a in SettlementAccount.objects.all()}
    for key in set(sums) | set(accounts):
        row, account = sums.get(key), accounts.get(key)
        expected = tuple(row[name] for name in ACCOUNT_FIGURES) if row else (ZERO,) * 5
        actual = (
            tuple(getattr(account, f"{name}_amount") for name in ACCOUNT_FIGURES)
            if account
            else None
        )
        if actual != expected:
            problems.append({"account": key, "entries": expected, "totals": actual})
    return problems


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


def statement_page(*, artisan, centre, year: int, month: int, currencies) -> dict:
    """What a printable monthly statement page shows: the month, its neighbours and
    one ``Statement`` per currency of the account. A month that is not one is a 404.
    Shared by the manager's statement and the artisan's own."""
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404("no such month")
    month_start = date(year, month, 1)
    month_end = add_months(month_start, 1)
    return {
        "artisan": artisan,
        "centre": centre,
        "month_start": month_start,
        "previous_month": add_months(month_start, -1),
        "next_month": month_end,
        "statements": [
            monthly_statement(
                artisan_id=artisan.pk,
                centre_id=centre.pk,
                currency=currency,
                month_start=month_start,
                month_end=month_end,
            )
            for currency in currencies
        ],
    }


def accounts_active_in(scope: Scope, *, start: date, end: date) -> list[dict]:
    """Accounts with entries dated in [start, end): whose monthly statement to send."""
    queryset = filter_by_centre(
        LedgerEntry.objects.filter(effective_date__gte=start, effective_date__lt=end), scope
    )
    rows = list(queryset.values("artisan_id", "centre_id", "currency").distinct().order_by())
    return _named_and_sorted(rows, scope)


def _named_and_sorted(rows: list[dict], scope: Scope) -> list[dict]:
    """Add artisan and centre names to account rows (one query) and sort by them."""
    artisan_names = dict(
        Artisan.objects.filter(pk__in={row["artisan_id"] for row in rows}).values_list("pk", "name")
    )
    centre_names = {centre.pk: centre.name for centre in scope.centres}
    for row in rows:
        row["artisan_name"] = artisan_names.get(row["artisan_id"], "")
        row["centre_name"] = centre_names.get(row["centre_id"], "")
    rows.sort(key=lambda row: (row["centre_name"], row["artisan_name"], row["currency"]))
    return rows


# --- What an artisan sees of their own ledger (My workshop → My earnings) --------------
def artisan_accounts(artisan_ids):
    """The settlement accounts of these artisans with their running totals (one query)."""
    return (
        SettlementAccount.objects.filter(artisan_id__in=artisan_ids)
        .select_related("artisan", "centre")
        .order_by("centre__name", "artisan__name", "currency")
    )


def artisan_monthly_sales(artisan_ids, *, since: date) -> list[dict]:
    """Sales net of refunds, and units net of returned units, per month and currency
    since ``since`` (newest month first): one query, from the ledger, so the figures
    are those the artisan is paid on."""
    rows = (
        LedgerEntry.objects.filter(
            artisan_id__in=artisan_ids,
            kind__in=[EntryKind.SALE, EntryKind.REFUND],
            effective_date__gte=since,
        )
        .annotate(month=TruncMonth("effective_date"))
        .values("month", "currency")
        .annotate(
            net_sales=MONEY_ZERO,
            units_sold=Coalesce(Sum("quantity", filter=Q(kind=EntryKind.SALE)), 0),
            units_refunded=Coalesce(Sum("quantity", filter=Q(kind=EntryKind.REFUND)), 0),
        )
        .order_by("-month", "currency")
    )
    return [{**row, "units": row["units_sold"] - row["units_refunded"]} for row in rows]
