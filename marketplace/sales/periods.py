"""Report periods: a day, an ISO week, a calendar month or a custom date range.

A period is a half-open range of local dates ``[start, end)`` in the shop's time zone
(Asia/Jakarta); its *previous* period is the one just before it — the day before,
the week before, the month before, or as many days before a custom range.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A custom range longer than this is refused: the chart would be unreadable and the
# comparison period reaches years back.
MAX_CUSTOM_DAYS = 366 * 3


class PeriodKind(models.TextChoices):
    DAY = "day", _("Day")
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")
    CUSTOM = "custom", _("Custom range")


class Bucket(models.TextChoices):
    HOUR = "hour", _("hour")
    DAY = "day", _("day")
    WEEK = "week", _("week")
    MONTH = "month", _("month")


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month (negative: before)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date  # exclusive

    @classmethod
    def containing(cls, kind: str, anchor: date) -> "Period":
        if kind == PeriodKind.DAY:
            return cls(kind, anchor, anchor + timedelta(days=1))
        if kind == PeriodKind.WEEK:
            start = anchor - timedelta(days=anchor.weekday())
            return cls(kind, start, start + timedelta(days=7))
        if kind == PeriodKind.MONTH:
            return cls(kind, month_start(anchor), add_months(anchor, 1))
        raise ValueError(f"use Period.custom for {kind!r}")

    @classmethod
    def custom(cls, first: date, last: date) -> "Period":
        """The range from ``first`` to ``last``, both included."""
        if last < first:
            raise ValueError("the range ends before it starts")
        if (last - first).days + 1 > MAX_CUSTOM_DAYS:
            raise ValueError("the range is too long")
        return cls(PeriodKind.CUSTOM, first, last + timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def previous(self) -> "Period":
        if self.kind == PeriodKind.MONTH:
            return Period(self.kind, add_months(self.start, -1), self.start)
        return Period(self.kind, self.start - timedelta(days=self.days), self.start)

    @property
    def following(self) -> "Period":
        if self.kind == PeriodKind.MONTH:
            return Period(self.kind, self.end, add_months(self.end, 1))
        return Period(self.kind, self.end, self.end + timedelta(days=self.days))

    @property
    def start_at(self) -> datetime:
        return local_midnight(self.start)

    @property
    def end_at(self) -> datetime:
        return local_midnight(self.end)

    @property
    def bucket(self) -> str:
        """How finely the chart splits the period."""
        if self.kind == PeriodKind.DAY:
            return Bucket.HOUR
        if self.days <= 62:
            return Bucket.DAY
        if self.days <= 366:
            return Bucket.WEEK
        return Bucket.MONTH

    def bucket_starts(self) -> list:
        """Every bucket of the period in order: datetimes for hours, else dates."""
        if self.bucket == Bucket.HOUR:
            return [self.start_at + timedelta(hours=h) for h in range(24)]
        if self.bucket == Bucket.DAY:
            return [self.start + timedelta(days=d) for d in range(self.days)]
        if self.bucket == Bucket.WEEK:
            first = self.start - timedelta(days=self.start.weekday())
            return [
                first + timedelta(weeks=w)
                for w in range((self.end - first).days // 7 + 1)
                if first + timedelta(weeks=w) < self.end
            ]
        months = []
        current = month_start(self.start)
        while current < self.end:
            months.append(current)
            current = add_months(current, 1)
        return months

    def query_params(self) -> dict[str, str]:
        """The GET parameters that select this period again."""
        if self.kind == PeriodKind.CUSTOM:
            return {
                "period": self.kind,
                "start": self.start.isoformat(),
                "end": self.last_day.isoformat(),
            }
        return {"period": self.kind, "date": self.start.isoformat()}
