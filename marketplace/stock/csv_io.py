"""CSV export and import of stock levels.

Export writes one row per stock record: ``sku, product, in_stock, allocated,
available, low_stock_threshold``. Import reads ``sku`` and ``in_stock`` (the new level;
optional ``reason`` and ``note``, other columns are ignored), checks *every* row first
and applies all changes in one ledger transaction, or none: a file with any error
changes nothing and gets a per-row error report.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from .models import StockChangeReason, StockChangeSource
from .services import MAX_STOCK_LEVEL, StockChange, StockChangeRefused, apply_stock_changes

StockRecord = get_model("partner", "StockRecord")

EXPORT_COLUMNS = ["sku", "product", "in_stock", "allocated", "available", "low_stock_threshold"]
REQUIRED_COLUMNS = ("sku", "in_stock")
LOOKUP_CHUNK = 500
WHOLE_NUMBER = re.compile(r"^[+-]?\d+$")

Progress = Callable[[str, int, int], None]


def _text_cell(value: str) -> str:
    """Keep spreadsheets from running a title as a formula (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def stock_csv_rows(records: Iterable) -> Iterator[list]:
    """The header, then one row per record (annotated by ``selectors.stock_of_partners``)."""
    yield EXPORT_COLUMNS
    for record in records:
        yield [
            record.partner_sku,
            _text_cell(record.product.get_title()),
            record.num_in_stock if record.num_in_stock is not None else "",
            record.num_allocated or 0,
            record.available,
            record.low_stock_threshold if record.low_stock_threshold is not None else "",
        ]


def write_stock_csv(records: Iterable, stream) -> None:
    csv.writer(stream).writerows(stock_csv_rows(records))


@dataclass(frozen=True)
class RowError:
    line: int
    sku: str
    message: str


@dataclass
class ImportPlan:
    """What an import would do: the changes, and every row that is wrong."""

    rows: int = 0
    changes: list[StockChange] = field(default_factory=list)
    change_rows: list[tuple[int, str]] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    line: int
    sku: str
    in_stock: int
    reason: str
    note: str


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    return data.decode("utf-8-sig")


def _dialect(text: str):
    first_line = (text.splitlines() or [""])[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def plan_stock_import(
    data: bytes | str,
    *,
    partner_ids: Iterable[int],
    default_reason: str = StockChangeReason.CORRECTION,
    progress: Progress | None = None,
) -> ImportPlan:
    """Check every row of a stock CSV against the stock of ``partner_ids``.

    Nothing is written. Rows are numbered as a spreadsheet shows them (header = 1).
    """
    partner_ids = set(partner_ids)
    plan = ImportPlan()
    try:
        text = _decode(data)
    except UnicodeDecodeError:
        plan.errors.append(RowError(0, "", _("The file is not UTF-8 text (save it as CSV UTF-8).")))
        return plan
    if "\x00" in text:  # a spreadsheet or UTF-16 file saved under a .csv name
        plan.errors.append(RowError(0, "", _("The file is not CSV text (save it as CSV UTF-8).")))
        return plan
    # newline="": the csv module itself reads \r, \n and \r\n line ends, and line
    # breaks inside quoted cells.
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_dialect(text))
    try:
        _read_rows(reader, plan, partner_ids, default_reason, progress)
    except csv.Error:
        plan.errors.append(
            RowError(
                reader.line_num + 1,  # the row being read is not counted yet
                "",
                _("This row cannot be read as CSV: a quote is not closed or a cell is too long."),
            )
        )
    plan.errors.sort(key=lambda error: error.line)
    return plan


def _read_rows(
    reader, plan: ImportPlan, partner_ids: set[int], default_reason: str, progress
) -> None:
    """Check every row (``csv.Error`` from a malformed one propagates)."""
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        plan.errors.append(
            RowError(1, "", _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)})
        )
        return
    reader.fieldnames = header

    rows: list[_Row] = []
    first_line_of_sku: dict[str, int] = {}
    for raw in reader:
        line = reader.line_num
        values = {key: (value or "").strip() for key, value in raw.items() if key}
        if not any(values.values()):
            continue
        plan.rows += 1
        sku = values.get("sku", "")
        error = _row_error(values, sku, first_line_of_sku, line)
        if error:
            plan.errors.append(RowError(line, sku, error))
        else:
            rows.append(
                _Row(
                    line=line,
                    sku=sku,
                    in_stock=int(values["in_stock"]),
                    reason=values.get("reason") or default_reason,
                    note=values.get("note", ""),
                )
            )
        first_line_of_sku.setdefault(sku, line)
        if progress and plan.rows % 1000 == 0:
            progress("read", plan.rows, 0)

    own = _own_records(partner_ids, [row.sku for row in rows])
    foreign = _foreign_skus(partner_ids, [row.sku for row in rows if row.sku not in own])
    for done, row in enumerate(rows, start=1):
        records = own.get(row.sku, [])
        if not records:
            message = (
                _("This SKU belongs to another seller's product.")
                if row.sku in foreign
                else _("Unknown SKU.")
            )
            plan.errors.append(RowError(row.line, row.sku, message))
        elif len(records) > 1:
            plan.errors.append(
                RowError(row.line, row.sku, _("Several of your workshops use this SKU."))
            )
        else:
            _plan_row(plan, row, records[0])
        if progress and (done % 1000 == 0 or done == len(rows)):
            progress("checked", done, len(rows))


def _row_error(values: dict, sku: str, first_line_of_sku: dict, line: int) -> str | None:
    if not sku:
        return _("The SKU is missing.")
    if sku in first_line_of_sku:
        return _("The SKU appears more than once (first on row %(line)d).") % {
            "line": first_line_of_sku[sku]
        }
    in_stock = values.get("in_stock", "")
    if not WHOLE_NUMBER.match(in_stock):
        return _("“%(value)s” is not a whole number.") % {"value": in_stock[:40]}
    if in_stock.startswith("-") and in_stock.strip("-0"):
        return _("Stock cannot be negative.")
    # Compare the digits' length first: int() refuses strings of thousands of digits.
    if len(in_stock.lstrip("+-").lstrip("0")) > len(str(MAX_STOCK_LEVEL)) or (
        int(in_stock) > MAX_STOCK_LEVEL
    ):
        return _("Stock cannot be more than %(max)d pieces.") % {"max": MAX_STOCK_LEVEL}
    reason = values.get("reason", "")
    if reason and reason not in StockChangeReason.values:
        return _("Unknown reason “%(reason)s” (use one of: %(reasons)s).") % {
            "reason": reason,
            "reasons": ", ".join(StockChangeReason.values),
        }
    return None


def _plan_row(plan: ImportPlan, row: _Row, record) -> None:
    current = record.num_in_stock or 0
    allocated = record.num_allocated or 0
    delta = row.in_stock - current
    if delta == 0:
        plan.unchanged += 1
        return
    if row.in_stock < allocated:
        plan.errors.append(
            RowError(
                row.line,
                row.sku,
                _("%(level)d is below the %(allocated)d allocated to orders.")
                % {"level": row.in_stock, "allocated": allocated},
            )
        )
        return
    if (row.reason in StockChangeReason.increasing() and delta < 0) or (
        row.reason in StockChangeReason.decreasing() and delta > 0
    ):
        plan.errors.append(
            RowError(
                row.line,
                row.sku,
                _("Reason “%(reason)s” does not fit a change of %(change)+d.")
                % {"reason": row.reason, "change": delta},
            )
        )
        return
    plan.changes.append(
        StockChange(stockrecord_id=record.pk, reason=row.reason, set_to=row.in_stock, note=row.note)
    )
    plan.change_rows.append((row.line, row.sku))


def _chunks(items: list, size: int = LOOKUP_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _own_records(partner_ids: set[int], skus: list[str]) -> dict[str, list]:
    found: dict[str, list] = {}
    for chunk in _chunks(sorted(set(skus))):
        for record in StockRecord.objects.filter(
            partner_id__in=partner_ids, partner_sku__in=chunk
        ).only("pk", "partner_sku", "num_in_stock", "num_allocated"):
            found.setdefault(record.partner_sku, []).append(record)
    return found


def _foreign_skus(partner_ids: set[int], skus: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(sorted(set(skus))):
        found.update(
            StockRecord.objects.filter(partner_sku__in=chunk)
            .exclude(partner_id__in=partner_ids)
            .values_list("partner_sku", flat=True)
        )
    return found


def apply_stock_import(
    plan: ImportPlan,
    *,
    actor,
    source: str = StockChangeSource.CSV_IMPORT,
    progress: Progress | None = None,
) -> int:
    """Apply a valid plan through the ledger, all or nothing; returns the changes made.

    Levels are re-checked under the stock lock: if an order took stock since the plan
    was made, ``StockChangeRefused`` is raised with ``plan.errors`` filled in and
    nothing is changed.
    """
    if not plan.is_valid:
        raise ValueError("Only a plan without errors can be applied.")
    try:
        entries = apply_stock_changes(
            changes=plan.changes,
            actor=actor,
            source=source,
            skip_unchanged=True,
            progress=progress,
        )
    except StockChangeRefused as refused:
        plan.errors = [
            RowError(*plan.change_rows[index], message) for index, message in refused.errors.items()
        ]
        raise
    return len(entries)
