"""Sales figures for the dashboard and its CSV exports, aggregated by the database.

What counts: lines of orders whose status is in ``SALES_REPORTED_ORDER_STATUSES``
(paid, shipped, complete — not awaiting payment, not cancelled), placed in the
period, in one currency (amounts in different currencies are never added), whose
centre snapshot is in the user's scope. Every figure is read from the line as it was
placed — price, quantity, artisan, centre, category, technique, the order's shipping
country — so later edits to products, prices or artisans change nothing.

Definitions: *revenue* is the sum of the lines' prices including tax, before
shipping; *orders* counts distinct orders with at least one line in scope (so a
manager's average order value is their centres' share of those orders); *units* is
the sum of quantities.

Each function is one query, whatever the number of lines.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import Coalesce, TruncDay, TruncHour, TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue_ext.structure import product_class_label
from marketplace.core.choices import Technique
from marketplace.core.money import ZERO, round_money

from . import conf
from .models import EntryKind, LedgerEntry
from .periods import Bucket, Period
from .scope import Scope, filter_by_centre

Line = get_model("order", "Line")

TRUNC = {
    Bucket.HOUR: TruncHour,
    Bucket.DAY: TruncDay,
    Bucket.WEEK: TruncWeek,
    Bucket.MONTH: TruncMonth,
}


def counted_lines(scope: Scope, *, currency: str, start: datetime, end: datetime):
    """Lines that count as sales, placed in ``[start, end)``, in scope and currency."""
    lines = Line.objects.filter(
        order__status__in=conf.reported_order_statuses(),
        order__currency=currency,
        order__date_placed__gte=start,
        order__date_placed__lt=end,
    )
    return filter_by_centre(lines, scope)


def _figures(when: Q | None = None) -> dict:
    """Revenue, units and orders, optionally only over lines matching ``when``."""
    return {
        "revenue": Coalesce(Sum("line_price_incl_tax", filter=when), ZERO),
        "units": Coalesce(Sum("quantity", filter=when), 0),
        "orders": Count("order_id", distinct=True, filter=when),
    }


def _prefixed(prefix: str, figures: dict) -> dict:
    return {f"{prefix}{name}": expression for name, expression in figures.items()}


@dataclass(frozen=True)
class Figure:
    value: Decimal | int
    previous: Decimal | int

    @property
    def change_percent(self) -> Decimal | None:
        """Change against the previous period in percent (None when it had nothing)."""
        if not self.previous:
            return None
        return round_money(
            (Decimal(self.value) - Decimal(self.previous)) * 100 / Decimal(self.previous), "USD"
        )

    @property
    def direction(self) -> str:
        if self.value > self.previous:
            return "up"
        if self.value < self.previous:
            return "down"
        return "flat"


@dataclass(frozen=True)
class Summary:
    currency: str
    revenue: Figure
    orders: Figure
    units: Figure
    average_order_value: Figure


def _aov(revenue: Decimal, orders: int, currency: str) -> Decimal:
    return round_money(revenue / orders, currency) if orders else ZERO


def _window(period: Period, window: "Window | None") -> tuple[datetime, datetime]:
    """The placement range a report reads: the period and the previous one, clipped."""
    start, end = period.previous.start_at, period.end_at
    if window is not None:
        start, end = max(start, window.start), min(end, window.end)
    return start, end


@dataclass(frozen=True)
class Window:
    """Part of a report's placement range ``[start, end)``.

    Every figure is a sum over lines (an order is placed at one moment, so distinct
    orders add up too), so a report read in two windows that split its range can be
    added back together: see :func:`merge_summary_rows`, :func:`merge_series_rows`
    and :func:`merge_breakdown_rows`.
    """

    start: datetime
    end: datetime


def summary_row(scope: Scope, period: Period, currency: str, window: Window | None = None):
    """The summary's sums (``cur_*``, ``prev_*``) over the lines placed in ``window``."""
    start, end = _window(period, window)
    current_q = Q(order__date_placed__gte=period.start_at)
    previous_q = Q(order__date_placed__lt=period.start_at)
    return counted_lines(scope, currency=currency, start=start, end=end).aggregate(
        **_prefixed("cur_", _figures(current_q)), **_prefixed("prev_", _figures(previous_q))
    )


def merge_summary_rows(*rows: dict) -> dict:
    return {key: sum(row[key] for row in rows) for key in rows[0]}


def summary(scope: Scope, period: Period, currency: str, row: dict | None = None) -> Summary:
    """Revenue, orders, units and average order value, with the previous period's.

    ``row``: sums already read by :func:`summary_row` (else they are read now).
    """
    if row is None:
        row = summary_row(scope, period, currency)
    return Summary(
        currency=currency,
        revenue=Figure(row["cur_revenue"], row["prev_revenue"]),
        orders=Figure(row["cur_orders"], row["prev_orders"]),
        units=Figure(row["cur_units"], row["prev_units"]),
        average_order_value=Figure(
            _aov(row["cur_revenue"], row["cur_orders"], currency),
            _aov(row["prev_revenue"], row["prev_orders"], currency),
        ),
    )


@dataclass(frozen=True)
class SeriesPoint:
    start: object  # a date, or an aware datetime for hourly buckets
    revenue: Decimal
    units: int
    orders: int
    previous_revenue: Decimal


def _bucket_key(value, bucket: str):
    local = timezone.localtime(value) if isinstance(value, datetime) else value
    if bucket == Bucket.HOUR:
        return local.replace(minute=0, second=0, microsecond=0)
    return local.date() if isinstance(local, datetime) else local


def series_rows(scope: Scope, period: Period, currency: str, window: Window | None = None) -> dict:
    """Revenue, units and orders per bucket start, over the lines placed in ``window``."""
    start, end = _window(period, window)
    bucket = period.bucket
    rows = (
        counted_lines(scope, currency=currency, start=start, end=end)
        .annotate(bucket=TRUNC[bucket]("order__date_placed"))
        .values("bucket")
        .annotate(**_figures())
        .order_by("bucket")
    )
    by_start = {}
    for row in rows:
        key = _bucket_key(row.pop("bucket"), bucket)
        by_start[key] = merge_summary_rows(by_start[key], row) if key in by_start else row
    return by_start


def merge_series_rows(*parts: dict) -> dict:
    merged = {}
    for part in parts:
        for key, row in part.items():
            merged[key] = merge_summary_rows(merged[key], row) if key in merged else row
    return merged


def series(
    scope: Scope, period: Period, currency: str, rows: dict | None = None
) -> list[SeriesPoint]:
    """Revenue per bucket of the period, next to the same bucket of the previous one.

    Buckets without sales are present with zeros; the previous period is aligned by
    position (its first day beside this period's first day). Buckets a longer
    previous period has beyond this one's (31 January beside a 30-day month) are not
    drawn; the summary's previous figures still include them. ``rows``: from
    :func:`series_rows` (else read now).
    """
    previous = period.previous
    by_start = series_rows(scope, period, currency) if rows is None else rows
    current_starts = period.bucket_starts()
    previous_starts = previous.bucket_starts()
    points = []
    for index, start in enumerate(current_starts):
        row = by_start.get(start, {})
        before = by_start.get(previous_starts[index], {}) if index < len(previous_starts) else {}
        points.append(
            SeriesPoint(
                start=start,
                revenue=row.get("revenue", ZERO),
                units=row.get("units", 0),
                orders=row.get("orders", 0),
                previous_revenue=before.get("revenue", ZERO),
            )
        )
    return points


# --- Breakdowns ----------------------------------------------------------------------
@dataclass(frozen=True)
class Dimension:
    key: str
    group_by: dict  # output name -> expression or field
    label: object  # expression giving the row's label (a snapshot), or None


DIMENSIONS = {
    "artisan": Dimension("artisan", {"key": F("artisan_id")}, Max("artisan_name")),
    "centre": Dimension("centre", {"key": F("centre_id")}, Max("centre_name")),
    "category": Dimension("category", {"key": F("category_slug")}, Max("category_name")),
    "technique": Dimension("technique", {"key": F("technique")}, None),
    "country": Dimension(
        "country",
        {"key": F("order__shipping_address__country_id")},
        Max("order__shipping_address__country__printable_name"),
    ),
    "product": Dimension("product", {"key": F("product_id")}, Max("title")),
}

TECHNIQUE_LABELS = dict(Technique.choices)


@dataclass(frozen=True)
class BreakdownRow:
    key: object
    label: str
    revenue: Decimal
    units: int
    orders: int
    previous_revenue: Decimal
    share_percent: Decimal  # of the period's revenue in scope

    @property
    def change(self) -> Figure:
        return Figure(self.revenue, self.previous_revenue)


def _label(dimension: str, key, label) -> str:
    if dimension == "technique":
        return str(TECHNIQUE_LABELS.get(key, key or "—"))
    if dimension == "category" and label:
        # The snapshot keeps the class's (Indonesian) name; fixed classes read in the
        # active language, like on the product page.
        return product_class_label(SimpleNamespace(slug=key, name=label))
    return label or (str(key) if key is not None else "—")


def breakdown(
    scope: Scope,
    period: Period,
    currency: str,
    dimension: str,
    *,
    limit: int | None = None,
    total_revenue: Decimal | None = None,
) -> list[BreakdownRow]:
    """Sales of the period grouped by ``dimension``, biggest revenue first.

    Each row also carries the previous period's revenue for the same key. With
    ``limit``, only that many rows are read from the database.
    """
    rows = breakdown_rows(scope, period, currency, dimension, limit=limit)
    return breakdown_from_rows(dimension, rows, total_revenue=total_revenue)


def breakdown_rows(
    scope: Scope,
    period: Period,
    currency: str,
    dimension: str,
    *,
    limit: int | None = None,
    window: Window | None = None,
) -> list[dict]:
    """The sums of :func:`breakdown`'s rows over the lines placed in ``window``."""
    spec = DIMENSIONS[dimension]
    start, end = _window(period, window)
    current_q = Q(order__date_placed__gte=period.start_at)
    annotations = {**_figures(current_q), "previous_revenue": _figures(~current_q)["revenue"]}
    if spec.label is not None:
        annotations["label"] = spec.label
    rows = (
        counted_lines(scope, currency=currency, start=start, end=end)
        .values(**spec.group_by)
        .annotate(**annotations)
        .order_by("-revenue", "-previous_revenue", "key")
    )
    if limit is not None:
        rows = rows[:limit]
    return list(rows)


def merge_breakdown_rows(*parts: list[dict], limit: int | None = None) -> list[dict]:
    """Rows of the same key added up, biggest revenue first (ties: previous revenue,
    then key, as the database orders them)."""
    merged: dict = {}
    for part in parts:
        for row in part:
            key = row["key"]
            if key not in merged:
                merged[key] = dict(row)
                continue
            into = merged[key]
            for name in ("revenue", "units", "orders", "previous_revenue"):
                into[name] += row[name]
            if into.get("label") is None:
                into["label"] = row.get("label")
    rows = sorted(
        merged.values(),
        key=lambda row: (-row["revenue"], -row["previous_revenue"], row["key"] is None, row["key"]),
    )
    return rows[:limit] if limit is not None else rows


def breakdown_from_rows(
    dimension: str, rows: list[dict], *, total_revenue: Decimal | None = None
) -> list[BreakdownRow]:
    if total_revenue is None:
        total_revenue = sum((row["revenue"] for row in rows), ZERO)
    return [
        BreakdownRow(
            key=row["key"],
            label=_label(dimension, row["key"], row.get("label")),
            revenue=row["revenue"],
            units=row["units"],
            orders=row["orders"],
            previous_revenue=row["previous_revenue"],
            share_percent=(
                round_money(row["revenue"] * 100 / total_revenue, "USD") if total_revenue else ZERO
            ),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class MarketSplit:
    """Domestic against export sales, from the per-country rows."""

    domestic: BreakdownRow
    export: BreakdownRow
    unknown: BreakdownRow | None


def market_split(countries: list[BreakdownRow], total_revenue: Decimal) -> MarketSplit:
    """Sum the country rows into domestic and export (an order ships to one country,
    so adding the per-country order counts counts no order twice)."""
    home = conf.home_country()
    groups = {"domestic": [], "export": [], "unknown": []}
    for row in countries:
        if row.key is None:
            groups["unknown"].append(row)
        else:
            groups["domestic" if row.key == home else "export"].append(row)

    def total(key: str, label: str) -> BreakdownRow:
        rows = groups[key]
        revenue = sum((r.revenue for r in rows), ZERO)
        return BreakdownRow(
            key=key,
            label=label,
            revenue=revenue,
            units=sum(r.units for r in rows),
            orders=sum(r.orders for r in rows),
            previous_revenue=sum((r.previous_revenue for r in rows), ZERO),
            share_percent=(
                round_money(revenue * 100 / total_revenue, "USD") if total_revenue else ZERO
            ),
        )

    return MarketSplit(
        domestic=total("domestic", _("Domestic")),
        export=total("export", _("Export")),
        unknown=total("unknown", _("No shipping address")) if groups["unknown"] else None,
    )


def refunds_posted(
    scope: Scope, period: Period, currency: str, window: Window | None = None
) -> Decimal:
    """Refunds posted to artisans' ledgers in the period (a positive amount).

    With ``window``, only those dated from its start's day to before its end's day.
    """
    start, end = period.start, period.end
    if window is not None:
        start = max(start, timezone.localdate(window.start))
        end = min(end, timezone.localdate(window.end))
    entries = filter_by_centre(
        LedgerEntry.objects.filter(
            kind=EntryKind.REFUND,
            currency=currency,
            effective_date__gte=start,
            effective_date__lt=end,
        ),
        scope,
    )
    return -entries.aggregate(total=Coalesce(Sum("amount"), ZERO))["total"]
