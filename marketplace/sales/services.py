"""Writes to the settlement ledger: earnings, refunds, payouts, corrections, rates.

Every function here appends entries; none changes one. Posting is idempotent: an
order line earns exactly one sale, one commission and at most one PPh 22 entry
(unique constraints back this up), and a refund reference is posted once per line.
Money is rounded once, by :func:`marketplace.core.money.round_money`.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.audit.models import AuditEvent
from marketplace.audit.services import record_audit_event
from marketplace.centres import roles
from marketplace.centres.models import Artisan, Centre
from marketplace.core.money import ZERO, round_money

from . import conf, report_cache
from .models import (
    TOTAL_OF_KIND,
    ArtisanTaxProfile,
    CommissionRate,
    EntryKind,
    LedgerEntry,
    Pph22Status,
    SettlementAccount,
)

Line = get_model("order", "Line")
Order = get_model("order", "Order")


# --- Rates -------------------------------------------------------------------------
def commission_rates(centre_ids) -> dict[int, Decimal]:
    """The commission rate of each centre (the default where none is set)."""
    centre_ids = set(centre_ids)
    rates = dict(
        CommissionRate.objects.filter(centre_id__in=centre_ids).values_list("centre_id", "rate")
    )
    default = conf.default_commission_rate()
    return {centre_id: rates.get(centre_id, default) for centre_id in centre_ids}


def set_commission_rate(*, centre: Centre, rate: Decimal, user=None) -> CommissionRate:
    """Set ``centre``'s commission for sales posted from now on (past ones keep theirs)."""
    if not Decimal("0") <= rate <= Decimal("0.5"):
        raise ValidationError(_("A commission rate lies between 0 and 0.5 (50%)."))
    commission, _created = CommissionRate.objects.update_or_create(
        centre=centre, defaults={"rate": rate, "updated_by": user}
    )
    return commission


def set_pph22_status(
    *, artisan: Artisan, status: str, reference: str = "", user=None
) -> ArtisanTaxProfile:
    if status not in Pph22Status.values:
        raise ValidationError(_("Unknown PPh 22 status."))
    profile, _created = ArtisanTaxProfile.objects.update_or_create(
        artisan=artisan,
        defaults={"pph22_status": status, "reference": reference, "updated_by": user},
    )
    return profile


# --- Appending ---------------------------------------------------------------------
def _lock_artisans(artisan_ids) -> None:
    """Serialise writes to these artisans' accounts (primary-key order: no deadlocks)."""
    list(
        Artisan.objects.select_for_update()
        .filter(pk__in=set(artisan_ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _append(entries: list[LedgerEntry]) -> list[LedgerEntry]:
    """Write ``entries`` and add them to their accounts' running totals.

    The caller holds the artisans' locks and a transaction: the entries and the
    totals are written together or not at all.
    """
    created = LedgerEntry.objects.bulk_create(entries, batch_size=2000)
    report_cache.months_changed({entry.effective_date for entry in created})
    totals: dict[tuple, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    last_payout: dict[tuple, date] = {}
    for entry in created:
        key = (entry.artisan_id, entry.centre_id, entry.currency)
        totals[key][TOTAL_OF_KIND[entry.kind]] += entry.amount
        totals[key]["balance_amount"] += entry.amount
        if entry.kind == EntryKind.PAYOUT:
            last_payout[key] = max(entry.effective_date, last_payout.get(key, entry.effective_date))
    for key in sorted(totals):
        artisan_id, centre_id, currency = key
        account, _created = SettlementAccount.objects.get_or_create(
            artisan_id=artisan_id, centre_id=centre_id, currency=currency
        )
        changes = {field: F(field) + amount for field, amount in totals[key].items()}
        if key in last_payout and (
            account.last_payout_on is None or last_payout[key] > account.last_payout_on
        ):
            changes["last_payout_on"] = last_payout[key]
        SettlementAccount.objects.filter(pk=account.pk).update(**changes)
    return created


# --- Sales earned ------------------------------------------------------------------
def _order_date(order) -> date:
    return timezone.localdate(order.date_placed)


class _Pph22Book:
    """Decides, line by line, whether PPh 22 is withheld, keeping yearly turnover.

    Turnover is the artisan's rupiah sales (before VAT, net of refunds) posted on the
    marketplace in the calendar year. With a filed statement, tax is withheld on the
    line that takes the year's turnover past Rp500 juta and on every line after it.
    Sales in other currencies are withheld by the same status but do not count
    towards the rupiah threshold (no exchange rate is stored on orders).
    """

    def __init__(self, artisan_ids, years):
        self.statuses = dict(
            ArtisanTaxProfile.objects.filter(artisan_id__in=artisan_ids).values_list(
                "artisan_id", "pph22_status"
            )
        )
        self.turnover: dict[tuple[int, int], Decimal] = {}
        rows = (
            LedgerEntry.objects.filter(
                artisan_id__in=artisan_ids,
                currency="IDR",
                kind__in=[EntryKind.SALE, EntryKind.REFUND],
                effective_date__year__in=years,
            )
            .values("artisan_id", "effective_date__year")
            .annotate(
                sold=Sum("base_amount", filter=Q(kind=EntryKind.SALE)),
                refunded=Sum("base_amount", filter=Q(kind=EntryKind.REFUND)),
            )
        )
        for row in rows:
            key = (row["artisan_id"], row["effective_date__year"])
            self.turnover[key] = (row["sold"] or ZERO) - (row["refunded"] or ZERO)

    def withholds(self, *, artisan_id: int, year: int, currency: str, base: Decimal) -> bool:
        status = self.statuses.get(artisan_id, Pph22Status.WITHHELD)
        if currency == "IDR":
            key = (artisan_id, year)
            self.turnover[key] = self.turnover.get(key, ZERO) + base
        if status == Pph22Status.EXEMPT:
            return False
        if status == Pph22Status.STATEMENT:
            return self.turnover.get((artisan_id, year), ZERO) > conf.PPH22_TURNOVER_THRESHOLD
        return True


@dataclass(frozen=True)
class PostingResult:
    lines_posted: int
    entries_created: int


def _earning_entries(lines, *, book: _Pph22Book, rates: dict[int, Decimal]):
    """The sale, commission and PPh 22 entries of ``lines`` (unsaved), in order."""
    entries = []
    for line in lines:
        order = line.order
        currency = order.currency
        when = _order_date(order)
        gross = round_money(line.line_price_incl_tax, currency)
        base = round_money(line.line_price_excl_tax, currency)
        account = {
            "artisan_id": line.artisan_id,
            "centre_id": line.centre_id,
            "currency": currency,
            "effective_date": when,
            "order_line": line,
            "order_number": order.number,
            "quantity": line.quantity,
        }
        entries.append(LedgerEntry(kind=EntryKind.SALE, amount=gross, base_amount=base, **account))
        rate = rates[line.centre_id]
        entries.append(
            LedgerEntry(
                kind=EntryKind.COMMISSION,
                amount=-round_money(gross * rate, currency),
                base_amount=gross,
                rate=rate,
                **account,
            )
        )
        if book.withholds(artisan_id=line.artisan_id, year=when.year, currency=currency, base=base):
            entries.append(
                LedgerEntry(
                    kind=EntryKind.PPH22,
                    amount=-round_money(base * conf.PPH22_RATE, currency),
                    base_amount=base,
                    rate=conf.PPH22_RATE,
                    **account,
                )
            )
    return entries


def _unposted_lines(order_filter: Q):
    """Attributed lines of counted orders that have no sale entry yet, oldest first."""
    return (
        Line.objects.filter(order_filter)
        .filter(
            order__status__in=conf.reported_order_statuses(),
            artisan__isnull=False,
            centre__isnull=False,
        )
        .exclude(ledger_entries__kind=EntryKind.SALE)
        .select_related("order")
        .order_by("order__date_placed", "pk")
    )


def _post_lines(lines) -> PostingResult:
    if not lines:
        return PostingResult(0, 0)
    artisan_ids = sorted({line.artisan_id for line in lines})
    # Serialise postings per artisan so the yearly turnover each one reads is final.
    _lock_artisans(artisan_ids)
    years = {_order_date(line.order).year for line in lines}
    book = _Pph22Book(artisan_ids, years)
    rates = commission_rates(line.centre_id for line in lines)
    entries = _append(_earning_entries(lines, book=book, rates=rates))
    return PostingResult(len(lines), len(entries))


@transaction.atomic
def post_order_earnings(*, order) -> PostingResult:
    """Post what each artisan earned on ``order`` (call it once the order is paid).

    Idempotent: lines already posted are skipped, so calling it again — or from a
    webhook that arrives twice — adds nothing. Lines without an artisan or centre
    snapshot (not sold for an artisan) earn nothing. An order whose status is not a
    counted one (``SALES_REPORTED_ORDER_STATUSES``) is refused.
    """
    # Lock the order: two deliveries of the same payment event post it once.
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status not in conf.reported_order_statuses():
        raise ValidationError(
            _("Order %(number)s is not paid (status %(status)s): nothing is earned yet.")
            % {"number": order.number, "status": order.status or "—"}
        )
    return _post_lines(list(_unposted_lines(Q(order=order))))


@transaction.atomic
def post_unposted_earnings(*, orders=None) -> PostingResult:
    """Post earnings for every counted order line not posted yet (or those of ``orders``).

    For catching up in bulk (demo data, a missed signal); as idempotent as
    :func:`post_order_earnings`.
    """
    order_filter = Q(order__in=orders) if orders is not None else Q()
    return _post_lines(list(_unposted_lines(order_filter)))


# --- Refunds -----------------------------------------------------------------------
def _share(total: Decimal, part: int, whole: int, currency: str) -> Decimal:
    return round_money(total * part / whole, currency)


@transaction.atomic
def post_line_refund(
    *, line, quantity: int, reference: str, user=None, refunded_on: date | None = None
) -> list[LedgerEntry]:
    """Take back from the artisan what ``quantity`` refunded units of ``line`` earned.

    Posts a refund (the sale's share), and returns the matching shares of the
    commission and of any PPh 22 withheld. Shares are computed on the units refunded
    so far, so refunding every unit — in one go or several — reverses the sale
    exactly, to the rupiah. Idempotent per ``reference``: the same refund posted
    again returns the entries already there.
    """
    if quantity < 1:
        raise ValidationError(_("Refund at least one unit."))
    if not reference:
        raise ValidationError(_("A refund needs a reference."))
    if line.artisan_id:
        _lock_artisans([line.artisan_id])
    # The sale entry is locked too, so concurrent refunds of one line queue up.
    postings = {
        entry.kind: entry
        for entry in LedgerEntry.objects.filter(order_line=line).filter(
            kind__in=[EntryKind.SALE, EntryKind.COMMISSION, EntryKind.PPH22]
        )
    }
    sale = postings.get(EntryKind.SALE)
    if sale is None:
        raise ValidationError(_("This order line has no posted sale to refund."))
    existing = list(
        LedgerEntry.objects.filter(
            order_line=line,
            reference=reference,
            kind__in=[EntryKind.REFUND, EntryKind.COMMISSION_REFUND, EntryKind.PPH22_REFUND],
        )
    )
    if existing:
        return existing
    refunded_before = (
        LedgerEntry.objects.filter(order_line=line, kind=EntryKind.REFUND).aggregate(
            units=Sum("quantity")
        )["units"]
        or 0
    )
    whole = sale.quantity
    if refunded_before + quantity > whole:
        raise ValidationError(
            _("Only %(left)d of %(whole)d units are left to refund.")
            % {"left": whole - refunded_before, "whole": whole}
        )
    after = refunded_before + quantity
    currency = sale.currency
    account = {
        "artisan_id": sale.artisan_id,
        "centre_id": sale.centre_id,
        "currency": currency,
        "effective_date": refunded_on or timezone.localdate(),
        "order_line": line,
        "order_number": sale.order_number,
        "quantity": quantity,
        "reference": reference,
        "created_by": user,
    }

    def portion(total: Decimal) -> Decimal:
        return _share(total, after, whole, currency) - _share(
            total, refunded_before, whole, currency
        )

    entries = [
        LedgerEntry(
            kind=EntryKind.REFUND,
            amount=-portion(sale.amount),
            base_amount=portion(sale.base_amount),
            **account,
        )
    ]
    for kind, refund_kind in (
        (EntryKind.COMMISSION, EntryKind.COMMISSION_REFUND),
        (EntryKind.PPH22, EntryKind.PPH22_REFUND),
    ):
        original = postings.get(kind)
        if original is not None:
            entries.append(
                LedgerEntry(
                    kind=refund_kind,
                    amount=-portion(original.amount),
                    rate=original.rate,
                    **account,
                )
            )
    return _append(entries)


@transaction.atomic
def post_order_cancellation(*, order, user=None) -> int:
    """Refund every unit not refunded yet on a paid order that was cancelled.

    Returns the number of lines refunded. Idempotent (reference ``cancel:<number>``).
    """
    reference = f"cancel:{order.number}"
    sold = dict(
        LedgerEntry.objects.filter(order_line__order=order, kind=EntryKind.SALE).values_list(
            "order_line_id", "quantity"
        )
    )
    refunded = dict(
        LedgerEntry.objects.filter(order_line__order=order, kind=EntryKind.REFUND)
        .exclude(reference=reference)
        .values("order_line_id")
        .annotate(units=Sum("quantity"))
        .values_list("order_line_id", "units")
    )
    count = 0
    for line in Line.objects.filter(pk__in=sold).order_by("pk"):
        left = sold[line.pk] - refunded.get(line.pk, 0)
        if left > 0:
            post_line_refund(line=line, quantity=left, reference=reference, user=user)
            count += 1
    return count


# --- Payouts and corrections -------------------------------------------------------
def _require_manager_of(user, centre_id: int) -> None:
    if not roles.managed_centres(user).filter(pk=centre_id).exists():
        raise PermissionDenied(_("You do not manage this centre."))


@transaction.atomic
def record_payout(
    *,
    artisan: Artisan,
    centre: Centre,
    amount: Decimal,
    currency: str,
    paid_on: date,
    bank_reference: str,
    user,
    note: str = "",
) -> LedgerEntry:
    """Record money transferred to ``artisan`` from their account at ``centre``.

    ``user`` must manage ``centre`` (or be an administrator). The amount is positive,
    in whole units of the currency, and no more than the account's balance: a payout
    settles what is owed, it never advances money. A bank reference is recorded once
    per artisan (unless that payout was reversed), so a double submit adds nothing.
    """
    _require_manager_of(user, centre.pk)
    bank_reference = bank_reference.strip()
    errors = {}
    if amount <= 0:
        errors["amount"] = _("A payout is a positive amount.")
    elif round_money(amount, currency) != amount:
        errors["amount"] = _("Use whole units of %(currency)s.") % {"currency": currency}
    if paid_on > timezone.localdate():
        errors["paid_on"] = _("A payout cannot be dated in the future.")
    if not bank_reference:
        errors["bank_reference"] = _("Give the bank transfer reference.")
    if errors:
        raise ValidationError(errors)
    # Lock the artisan: two payouts recorded at once cannot both spend one balance.
    _lock_artisans([artisan.pk])
    account = SettlementAccount.objects.filter(
        artisan=artisan, centre=centre, currency=currency
    ).first()
    balance = account.balance_amount if account else ZERO
    if amount > balance:
        raise ValidationError(
            {
                "amount": _("The balance is only %(balance)s %(currency)s.")
                % {"balance": balance, "currency": currency}
            }
        )
    # A reversed payout frees its reference, so the transfer can be recorded right.
    if LedgerEntry.objects.filter(
        artisan=artisan, kind=EntryKind.PAYOUT, reference=bank_reference, correction=None
    ).exists():
        raise ValidationError(
            {"bank_reference": _("A payout with this bank reference is already recorded.")}
        )
    (entry,) = _append(
        [
            LedgerEntry(
                artisan=artisan,
                centre=centre,
                currency=currency,
                kind=EntryKind.PAYOUT,
                amount=-amount,
                effective_date=paid_on,
                reference=bank_reference,
                note=note,
                created_by=user,
            )
        ]
    )
    record_audit_event(
        actor=user,
        action=AuditEvent.Action.PAYOUT_RECORDED,
        target=entry,
        before={"balance": str(balance), "currency": currency},
        after={
            "balance": str(balance - amount),
            "amount": str(amount),
            "bank_reference": bank_reference,
            "paid_on": paid_on.isoformat(),
        },
        centre=centre,
    )
    return entry


@transaction.atomic
def reverse_entry(*, entry: LedgerEntry, user, reason: str) -> LedgerEntry:
    """Cancel a payout recorded by mistake with an opposite entry (never an edit).

    The original stays in the ledger; the correction names it, and an entry can be
    corrected once.
    """
    _require_manager_of(user, entry.centre_id)
    _lock_artisans([entry.artisan_id])
    entry = LedgerEntry.objects.get(pk=entry.pk)
    if not entry.is_correctable:
        raise ValidationError(_("Only payouts can be reversed here."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the payout is reversed.")})
    if LedgerEntry.objects.filter(corrects=entry).exists():
        raise ValidationError(_("This entry has already been corrected."))
    (correction,) = _append(
        [
            LedgerEntry(
                artisan_id=entry.artisan_id,
                centre_id=entry.centre_id,
                currency=entry.currency,
                kind=EntryKind.CORRECTION,
                amount=-entry.amount,
                effective_date=timezone.localdate(),
                reference=entry.reference,
                corrects=entry,
                note=reason.strip(),
                created_by=user,
            )
        ]
    )
    # The last payout is now the last one that was not reversed.
    account = SettlementAccount.objects.filter(
        artisan_id=entry.artisan_id, centre_id=entry.centre_id, currency=entry.currency
    )
    account.update(
        last_payout_on=LedgerEntry.objects.filter(
            artisan_id=entry.artisan_id,
            centre_id=entry.centre_id,
            currency=entry.currency,
            kind=EntryKind.PAYOUT,
            correction=None,
        ).aggregate(last=Max("effective_date"))["last"]
    )
    return correction
