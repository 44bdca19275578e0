"""Chart geometry for the dashboard, drawn as inline SVG by the server.

No JavaScript and no CDN: the templates turn these plain shapes into ``<svg>``
elements whose colours come from the static stylesheet, so the charts work offline,
print, and need no inline script or style under a strict Content-Security-Policy.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import dateformat
from oscar.templatetags.currency_filters import currency as format_currency

from .periods import Bucket

WIDTH = 720
HEIGHT = 240
LEFT = 76
RIGHT = 12
TOP = 12
BOTTOM = 30
MAX_X_LABELS = 8


def nice_ceiling(value: Decimal) -> Decimal:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above ``value`` (1 for nothing)."""
    if value <= 0:
        return Decimal(1)
    exponent = value.adjusted()
    for step in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        candidate = step.scaleb(exponent)
        if candidate >= value:
            return candidate
    return Decimal(10).scaleb(exponent)  # pragma: no cover - 10 always suffices


def compact(value: Decimal) -> str:
    """A short axis label: 1.5M, 250K, 900."""
    value = Decimal(value)
    for size, suffix in ((Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "K")):
        if abs(value) >= size:
            return f"{value / size:.1f}".rstrip("0").rstrip(".") + suffix
    return f"{value:.2f}".rstrip("0").rstrip(".")


def bucket_label(start, bucket: str) -> str:
    if bucket == Bucket.HOUR:
        return dateformat.format(start, "H:i")
    if bucket == Bucket.MONTH:
        return dateformat.format(start, "M Y")
    return dateformat.format(start, "j M")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    title: str


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class XLabel:
    x: float
    label: str


@dataclass(frozen=True)
class TimeChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    baseline: float
    bars: list[Bar]
    previous_points: str  # an SVG polyline "x,y x,y …"
    ticks: list[Tick]
    x_labels: list[XLabel]
    is_empty: bool


def time_chart(points, *, bucket: str, currency: str) -> TimeChart:
    """Bars for this period's revenue per bucket, a line for the previous period's."""
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    highest = max([p.revenue for p in points] + [p.previous_revenue for p in points] + [Decimal(0)])
    ceiling = nice_ceiling(highest)
    slot = plot_width / max(len(points), 1)

    def y_of(value: Decimal) -> float:
        return round(baseline - float(value / ceiling) * plot_height, 1)

    bars, previous = [], []
    for index, point in enumerate(points):
        left = LEFT + index * slot
        top = y_of(point.revenue)
        label = bucket_label(point.start, bucket)
        bars.append(
            Bar(
                x=round(left + slot * 0.15, 1),
                y=top,
                width=round(slot * 0.7, 1),
                height=round(baseline - top, 1),
                title=f"{label}: {format_currency(point.revenue, currency)}",
            )
        )
        previous.append(f"{round(left + slot / 2, 1)},{y_of(point.previous_revenue)}")
    step = max(1, -(-len(points) // MAX_X_LABELS))
    x_labels = [
        XLabel(x=round(LEFT + index * slot + slot / 2, 1), label=bucket_label(point.start, bucket))
        for index, point in enumerate(points)
        if index % step == 0
    ]
    ticks = [Tick(y=y_of(ceiling * k / 4), label=compact(ceiling * k / 4)) for k in range(5)]
    return TimeChart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        baseline=baseline,
        bars=bars,
        previous_points=" ".join(previous),
        ticks=ticks,
        x_labels=x_labels,
        is_empty=highest == 0,
    )


@dataclass(frozen=True)
class HBar:
    y: float
    width: float
    label: str
    value_label: str  # short: "346.4M · 23.99%"; the exact amount is in the title
    title: str
    text_y: float


@dataclass(frozen=True)
class HBarChart:
    width: int
    height: int
    label_width: int
    bars: list[HBar]


ROW = 26
LABEL_WIDTH = 170
VALUE_ROOM = 110
MAX_LABEL_CHARS = 26


def share_chart(rows, *, currency: str, width: int = 520) -> HBarChart:
    """Horizontal bars, one per breakdown row, as long as its share of the largest."""
    highest = max([row.revenue for row in rows] + [Decimal(0)])
    room = width - LABEL_WIDTH - VALUE_ROOM
    bars = []
    for index, row in enumerate(rows):
        label = row.label if len(row.label) <= MAX_LABEL_CHARS else row.label[:25] + "…"
        length = float(row.revenue / highest) * room if highest else 0.0
        bars.append(
            HBar(
                y=index * ROW + 4,
                width=round(max(length, 1.0 if row.revenue else 0.0), 1),
                label=label,
                value_label=f"{compact(row.revenue)} · {row.share_percent}%",
                title=f"{row.label}: {format_currency(row.revenue, currency)}",
                text_y=index * ROW + 17,
            )
        )
    return HBarChart(
        width=width, height=max(len(rows), 1) * ROW + 4, label_width=LABEL_WIDTH, bars=bars
    )
