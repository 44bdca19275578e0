"""Cached dashboard figures for periods that are over, never stale.

A period that ended can still change in two ways: an order placed in it enters or
leaves a counted status (a late bank transfer is confirmed, a paid order is
cancelled), or a ledger entry dated in it is posted (a refund or correction dated
back). Each of these *bumps* the version of the calendar month it touches — the
month the order was placed in, the month of the entry's effective date — once the
transaction commits. The cache key of a period's figures holds the versions of
every month its figures read (the period and the previous one it is compared
with), so a bump makes the next request compute afresh; the old entry just ages
out. A version missing from the cache (evicted, restarted) is replaced by a new
random one, which is also a miss: a lost version can cost a recomputation, never
show old figures.

A version is read *before* the figures are computed and the figures are stored
under it, so figures computed while a change commits are stored under the
version that change replaces.

A period that has not ended (this month, a range up to today) is split at the
start of this month: the part before is cached as above, this month's part is
read on every request (every sale changes it), and the two are added up.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .periods import Period, add_months, local_midnight, month_start
from .reports import Window
from .scope import Scope

TIMEOUT = 24 * 60 * 60
_VERSION = "sales:report-month:{:%Y-%m}"


def _version_keys(first: date, end: date) -> list[str]:
    """The version keys of the months overlapping ``[first, end)``."""
    keys = []
    month = month_start(first)
    while month < end:
        keys.append(_VERSION.format(month))
        month = add_months(month, 1)
    return keys


def _bump(months: Iterable[date]) -> None:
    cache.set_many({_VERSION.format(m): uuid.uuid4().hex for m in months}, timeout=None)


def months_changed(days: Iterable[date]) -> None:
    """Figures of the months of ``days`` changed: bump them once the transaction commits."""
    months = {month_start(day) for day in days if day is not None}
    if months:
        transaction.on_commit(partial(_bump, sorted(months)), robust=True)


def order_months_changed(orders: Iterable) -> None:
    """Orders entered or left a counted status: their placement months changed."""
    months_changed(timezone.localdate(order.date_placed) for order in orders if order.date_placed)


def _versions(keys: list[str]) -> list[str]:
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, uuid.uuid4().hex, timeout=None)
    if missing:
        found.update(cache.get_many(missing))
    # A cache that refuses to keep anything gives a key that never repeats.
    return [found.get(key) or uuid.uuid4().hex for key in keys]


def _scope_key(scope: Scope) -> str:
    ids = scope.centre_ids
    if ids is None:
        # Every centre: which centres exist decides the tables (a centre breakdown
        # appears with the second centre), so adding or removing one is a new key.
        return "all:" + ",".join(str(centre.pk) for centre in scope.centres)
    return ",".join(str(pk) for pk in sorted(ids))


def _cached(parts: list[str], versions_from: date, versions_to: date, compute: Callable[[], dict]):
    versions = _versions(_version_keys(versions_from, versions_to))
    key = "sales:report:" + hashlib.sha256("|".join(parts + versions).encode()).hexdigest()
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        cache.set(key, figures, TIMEOUT)
    return figures


def cached_sums(
    scope: Scope,
    period: Period,
    currency: str,
    read: Callable[[Window | None], dict],
    merge: Callable[[dict, dict], dict],
) -> dict:
    """The report sums ``read(window)`` of ``period``, as much of them from the cache as
    can be trusted.

    A period that is over is read once (then from the cache until a month it covers
    changes). A period that is not over is split at the start of this month: what was
    placed before (the previous period, earlier months of a long range) is cached the
    same way, this month is read afresh, and ``merge`` adds the two. ``read`` must
    return picklable sums that do not depend on the language.
    """
    head = [_scope_key(scope), period.kind, period.start.isoformat(), period.end.isoformat()]
    head.append(currency)
    first = period.previous.start
    if period.end_at <= timezone.now():
        return _cached(head, first, period.end, partial(read, None))
    this_month = month_start(timezone.localdate())
    split = local_midnight(this_month)
    if split <= period.previous.start_at:
        return read(None)
    closed = _cached(
        [*head, "until", this_month.isoformat()],
        first,
        this_month,
        partial(read, Window(period.previous.start_at, split)),
    )
    return merge(closed, read(Window(split, period.end_at)))
