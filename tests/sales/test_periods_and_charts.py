"""Report periods and chart geometry (no database)."""

from datetime import date
from decimal import Decimal

import pytest

from marketplace.sales import charts
from marketplace.sales.periods import Period
from marketplace.sales.reports import SeriesPoint

D = Decimal


@pytest.mark.parametrize(
    "kind, anchor, start, end, previous_start, previous_end",
    [
        (
            "day",
            date(2026, 3, 1),
            date(2026, 3, 1),
            date(2026, 3, 2),
            date(2026, 2, 28),
            date(2026, 3, 1),
        ),
        (
            "week",
            date(2026, 3, 5),
            date(2026, 3, 2),
            date(2026, 3, 9),
            date(2026, 2, 23),
            date(2026, 3, 2),
        ),
        (
            "month",
            date(2026, 3, 31),
            date(2026, 3, 1),
            date(2026, 4, 1),
            date(2026, 2, 1),
            date(2026, 3, 1),
        ),
        (
            "month",
            date(2026, 1, 15),
            date(2026, 1, 1),
            date(2026, 2, 1),
            date(2025, 12, 1),
            date(2026, 1, 1),
        ),
    ],
)
def test_periods_and_the_one_before(kind, anchor, start, end, previous_start, previous_end):
    period = Period.containing(kind, anchor)
    assert (period.start, period.end) == (start, end)
    assert (period.previous.start, period.previous.end) == (previous_start, previous_end)


def test_a_custom_range_includes_both_ends_and_compares_with_as_many_days_before():
    period = Period.custom(date(2026, 3, 10), date(2026, 3, 19))
    assert (period.days, period.previous.start, period.previous.end) == (
        10,
        date(2026, 2, 28),
        date(2026, 3, 10),
    )
    assert period.query_params() == {"period": "custom", "start": "2026-03-10", "end": "2026-03-19"}


@pytest.mark.parametrize(
    "first, last", [(date(2026, 3, 2), date(2026, 3, 1)), (date(2020, 1, 1), date(2026, 1, 1))]
)
def test_a_backwards_or_overlong_custom_range_is_refused(first, last):
    with pytest.raises(ValueError):
        Period.custom(first, last)


@pytest.mark.parametrize(
    "first, last, bucket, count",
    [
        (date(2026, 3, 1), date(2026, 3, 31), "day", 31),
        (date(2026, 1, 1), date(2026, 6, 30), "week", 27),
        (date(2024, 1, 1), date(2026, 6, 30), "month", 30),
    ],
)
def test_longer_ranges_are_charted_in_coarser_buckets(first, last, bucket, count):
    period = Period.custom(first, last)
    assert (period.bucket, len(period.bucket_starts())) == (bucket, count)


@pytest.mark.parametrize(
    "value, ceiling",
    [(D("0"), D("1")), (D("7"), D("10")), (D("1300000"), D("2000000")), (D("2400"), D("2500"))],
)
def test_the_chart_axis_ends_at_a_round_number(value, ceiling):
    assert charts.nice_ceiling(value) == ceiling


@pytest.mark.parametrize(
    "value, text", [(D("1500000"), "1.5M"), (D("250000"), "250K"), (D("900"), "900"), (D("0"), "0")]
)
def test_axis_labels_are_short(value, text):
    assert charts.compact(value) == text


def test_bars_are_as_tall_as_their_share_of_the_axis(settings):
    settings.LANGUAGE_CODE = "id"
    points = [
        SeriesPoint(date(2026, 3, 1), D("1000000"), 1, 1, D("0")),
        SeriesPoint(date(2026, 3, 2), D("500000"), 1, 1, D("2000000")),
    ]
    chart = charts.time_chart(points, bucket="day", currency="IDR")
    plot_height = charts.HEIGHT - charts.TOP - charts.BOTTOM  # axis tops out at 2,000,000
    assert [bar.height for bar in chart.bars] == [plot_height / 2, plot_height / 4]
    assert chart.previous_points.split()[1].endswith(f",{float(charts.TOP)}")
    assert chart.bars[0].title == "1 Mar: Rp1.000.000"
