"""The one way stock levels change: checked under a row lock, written to the ledger.

``apply_stock_changes`` takes a batch of changes and applies all of them or none;
``change_stock`` is the same service for a single change. Both lock the stock records
(``SELECT … FOR UPDATE`` in primary-key order, the order checkout locks them in too, so
the two cannot deadlock), check every change against what is allocated to orders, then
write each new level with a conditional UPDATE and append one ledger entry per change.
The database constraint on ``StockRecord`` is the last line of defence.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.audit.models import AuditEvent
from marketplace.audit.services import build_audit_event, record_audit_events
from marketplace.centres.models import Artisan

from .models import StockChangeReason, StockChangeSource, StockLedgerEntry

StockRecord = get_model("partner", "StockRecord")

LOCK_CHUNK = 500
# The most pieces one stock level may hold: far above any workshop's, far below what
# the integer columns hold, so a typo or a hostile file is refused, not a 500.
MAX_STOCK_LEVEL = 1_000_000
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class StockChange:
    """One requested change: either ``change`` (relative) or ``set_to`` (absolute).

    ``consume_allocation`` is for pieces leaving with an order: stock and its
    allocation shrink together (reason ``sold``).
    """

    stockrecord_id: int
    reason: str
    change: int | None = None
    set_to: int | None = None
    note: str = ""
    consume_allocation: bool = False


class StockChangeRefused(Exception):
    """No change was applied. ``errors`` maps the index of each refused change to why."""

    def __init__(self, errors: dict[int, str]):
        self.errors = errors
        super().__init__("; ".join(errors.values()))

    @property
    def message(self) -> str:
        return next(iter(self.errors.values()))


class ConcurrentStockChange(StockChangeRefused):
    """A stock record changed between reading and writing it (only without row locks)."""


@dataclass
class _Level:
    in_stock: int
    allocated: int


def _direction_error(reason: str, delta: int) -> str | None:
    if reason not in StockChangeReason.values:
        return _("Unknown reason “%(reason)s”.") % {"reason": reason}
    if reason in StockChangeReason.increasing() and delta < 0:
        return _("“%(reason)s” can only add stock.") % {"reason": StockChangeReason(reason).label}
    if reason in StockChangeReason.decreasing() and delta > 0:
        return _("“%(reason)s” can only take stock away.") % {
            "reason": StockChangeReason(reason).label
        }
    return None


UNCHANGED = object()


def _plan(change: StockChange, level: _Level):
    """The delta and the level after ``change``; ``UNCHANGED``; or why it is refused."""
    if (change.change is None) == (change.set_to is None):
        return _("Give either a change or a new level.")
    if change.set_to is not None and change.set_to < 0:
        return _("Stock cannot be negative.")
    delta = change.set_to - level.in_stock if change.set_to is not None else change.change
    if delta == 0:
        return UNCHANGED
    error = _direction_error(change.reason, delta)
    if error:
        return error
    allocated = level.allocated
    if change.consume_allocation:
        if change.reason != StockChangeReason.SOLD or -delta > level.allocated:
            return _("Only allocated pieces can leave with an order.")
        allocated += delta
    after = _Level(level.in_stock + delta, allocated)
    if after.in_stock > MAX_STOCK_LEVEL:
        return _("Stock cannot be more than %(max)d pieces.") % {"max": MAX_STOCK_LEVEL}
    if after.in_stock < after.allocated:
        return _(
            "Stock cannot go below the %(allocated)d allocated to orders "
            "(at most %(available)d can be taken away)."
        ) % {"allocated": after.allocated, "available": max(level.in_stock - level.allocated, 0)}
    return delta, after


def _lock(ids: Sequence[int]) -> dict[int, "StockRecord"]:
    records = {}
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), LOCK_CHUNK):
        chunk = ordered[start : start + LOCK_CHUNK]
        for record in (
            StockRecord.objects.select_for_update(of=("self",))
            .filter(pk__in=chunk)
            .select_related("product__parent")
            .order_by("pk")
        ):
            records[record.pk] = record
    return records


def _allowed_partner_ids(actor) -> set[int] | None:
    """Partners whose stock ``actor`` may change; ``None`` means any.

    Any: the system (no actor), superusers and staff allowed to change stock records.
    Everybody else: the partners they are a user of.
    """
    if actor is None or actor.has_perm("partner.change_stockrecord"):
        return None
    return set(actor.partners.values_list("id", flat=True))


def apply_stock_changes(
    *,
    changes: Sequence[StockChange],
    actor,
    source: str = StockChangeSource.DASHBOARD,
    skip_unchanged: bool = False,
    progress: Progress | None = None,
) -> list[StockLedgerEntry]:
    """Apply every change in ``changes`` or, raising ``StockChangeRefused``, none.

    ``actor`` is the user making the changes (``None`` for the system); a user may only
    change stock of the partners they belong to. With ``skip_unchanged`` a change that
    leaves the level as it is is dropped instead of refused (imports re-send levels).
    Changes to the same record apply in order. Returns the new ledger entries.
    """
    if not changes:
        return []
    with transaction.atomic():
        records = _lock([change.stockrecord_id for change in changes])
        allowed = _allowed_partner_ids(actor)
        before = {
            pk: _Level(r.num_in_stock or 0, r.num_allocated or 0) for pk, r in records.items()
        }
        levels = {pk: _Level(level.in_stock, level.allocated) for pk, level in before.items()}
        errors: dict[int, str] = {}
        planned: list[tuple[StockChange, int, _Level]] = []
        for index, change in enumerate(changes):
            record = records.get(change.stockrecord_id)
            if record is None or (allowed is not None and record.partner_id not in allowed):
                errors[index] = _("No such stock record of yours.")
                continue
            result = _plan(change, levels[record.pk])
            if result is UNCHANGED:
                if not skip_unchanged:
                    errors[index] = _("That is already the stock level.")
                continue
            if isinstance(result, str):
                errors[index] = result
                continue
            delta, after = result
            levels[record.pk] = after
            planned.append((change, delta, after))
        if errors:
            raise StockChangeRefused(errors)

        changed = {change.stockrecord_id for change, _d, _a in planned}
        total = len(changed)
        now = timezone.now()
        for done, pk in enumerate(sorted(changed), start=1):
            _write_level(records[pk], before[pk], levels[pk], now)
            if progress and (done % 500 == 0 or done == total):
                progress("applied", done, total)
        entries = StockLedgerEntry.objects.bulk_create(
            [
                StockLedgerEntry(
                    stockrecord_id=change.stockrecord_id,
                    sku=records[change.stockrecord_id].partner_sku,
                    product_title=records[change.stockrecord_id].product.get_title()[:255],
                    actor=actor,
                    created_at=now,
                    change=delta,
                    reason=change.reason,
                    num_in_stock_after=after.in_stock,
                    num_allocated_after=after.allocated,
                    source=source,
                    note=change.note[:255],
                )
                for change, delta, after in planned
            ],
            batch_size=1000,
        )
        _audit_corrections(records, planned, actor=actor, source=source)
        for pk in changed:
            # Oscar's own receiver opens or closes the low-stock StockAlert.
            records[pk].post_save_signal()
        return entries


def _audit_corrections(records, planned, *, actor, source: str) -> None:
    """One audit event per corrected stock record (caller holds the stock lock).

    Corrections are what an auditor asks about: produced, sold, damaged and returned
    stock name a physical event, a correction just overwrites the count (and is what
    would hide missing pieces). One event per record rather than one per import, so
    the trail can be read and filtered record by record and each event is scoped to
    the centre of the artisan whose stock it is; ``source`` tells a CSV import from a
    dashboard edit. The full history of every change stays in the stock ledger.
    """
    corrections = [item for item in planned if item[0].reason == StockChangeReason.CORRECTION]
    if not corrections:
        return
    partner_ids = {records[change.stockrecord_id].partner_id for change, _d, _a in corrections}
    centre_of_partner = dict(
        Artisan.objects.filter(partner_id__in=partner_ids).values_list("partner_id", "centre_id")
    )
    events = []
    for change, delta, after in corrections:
        record = records[change.stockrecord_id]
        events.append(
            build_audit_event(
                actor=actor,
                action=AuditEvent.Action.STOCK_CORRECTED,
                target=record,
                target_repr=f"{record.partner_sku} · {record.product.get_title()}",
                before={"num_in_stock": after.in_stock - delta},
                after={"num_in_stock": after.in_stock, "source": source, "note": change.note},
                centre=centre_of_partner.get(record.partner_id),
            )
        )
    record_audit_events(events)


def _write_level(record, before: _Level, after: _Level, now) -> None:
    """Write the new level, but only if the row still holds what was checked."""
    unchanged = StockRecord.objects.filter(pk=record.pk)
    unchanged = (
        unchanged.filter(num_in_stock=record.num_in_stock)
        if record.num_in_stock is not None
        else unchanged.filter(num_in_stock__isnull=True)
    )
    unchanged = (
        unchanged.filter(num_allocated=record.num_allocated)
        if record.num_allocated is not None
        else unchanged.filter(num_allocated__isnull=True)
    )
    fields = {"num_in_stock": after.in_stock, "date_updated": now}
    if after.allocated != before.allocated:
        fields["num_allocated"] = after.allocated
    if unchanged.update(**fields) != 1:
        raise ConcurrentStockChange(
            {
                0: _("The stock of “%(sku)s” changed meanwhile; try again.")
                % {"sku": record.partner_sku}
            }
        )
    record.num_in_stock = after.in_stock
    if "num_allocated" in fields:
        record.num_allocated = after.allocated
    record.date_updated = now


def change_stock(
    *,
    stockrecord_id: int,
    actor,
    reason: str,
    change: int | None = None,
    set_to: int | None = None,
    note: str = "",
    source: str = StockChangeSource.DASHBOARD,
) -> StockLedgerEntry:
    """Change one stock level (by ``change`` or to ``set_to``); see ``apply_stock_changes``."""
    (entry,) = apply_stock_changes(
        changes=[
            StockChange(
                stockrecord_id=stockrecord_id,
                reason=reason,
                change=change,
                set_to=set_to,
                note=note,
            )
        ],
        actor=actor,
        source=source,
    )
    return entry


def consume_allocation(*, stockrecord_id: int, quantity: int, note: str = "") -> StockLedgerEntry:
    """Allocated pieces leave with an order: stock and allocation shrink, reason "sold"."""
    (entry,) = apply_stock_changes(
        changes=[
            StockChange(
                stockrecord_id=stockrecord_id,
                reason=StockChangeReason.SOLD,
                change=-quantity,
                note=note,
                consume_allocation=True,
            )
        ],
        actor=None,
        source=StockChangeSource.ORDER,
    )
    return entry


def set_low_stock_threshold(*, stockrecord_id: int, actor, threshold: int | None) -> None:
    """Set the level below which the artisan is alerted (``None``: never)."""
    with transaction.atomic():
        record = _lock([stockrecord_id]).get(stockrecord_id)
        allowed = _allowed_partner_ids(actor)
        if record is None or (allowed is not None and record.partner_id not in allowed):
            raise StockChangeRefused({0: _("No such stock record of yours.")})
        record.low_stock_threshold = threshold
        # save() sends post_save: Oscar's receiver re-evaluates the low-stock alert.
        record.save(update_fields=["low_stock_threshold", "date_updated"])
