"""How fast the sales pages are on a large order history (``manage.py bench_reports``).

Builds, once, a benchmark catalogue (its own centres, artisans and products, marked
fictional) and about ``lines`` order lines over the last twelve months through the
demo generator (``bulk_create``, numbered ``BENCH-…``), posts their settlements,
then requests each back-office page through Django's test client as an
administrator and as the manager of one centre, and reports the median time and
the number of SQL queries of each page. Run it on PostgreSQL.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue_ext.structure import ensure_catalogue_structure
from marketplace.centres.models import Artisan, Centre
from marketplace.core.choices import Technique

from . import demo, services
from .models import LedgerEntry
from .periods import add_months

Line = get_model("order", "Line")
Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()

PREFIX = "BENCH-"
CENTRES = 5
ARTISANS_PER_CENTRE = 10
PRODUCTS_PER_ARTISAN = 10
MONTHS = 12
AVERAGE_LINES_PER_ORDER = 2  # the generator draws 1 to 3
TECHNIQUES = [Technique.TULIS, Technique.CAP, Technique.KOMBINASI, Technique.ECOPRINT]

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Measurement:
    who: str
    page: str
    median_ms: float
    max_ms: float
    queries: int
    status: int


@transaction.atomic
def ensure_bench_catalogue() -> list[Centre]:
    ensure_catalogue_structure()
    classes = list(ProductClass.objects.order_by("slug"))
    centres = []
    for c in range(CENTRES):
        centre, _ = Centre.objects.get_or_create(
            slug=f"bench-centre-{c}",
            defaults={
                "name": f"Bench Centre {c}",
                "province": "Jawa Timur",
                "city": "Kota Mojokerto",
                "is_fictional": True,
            },
        )
        centres.append(centre)
        for a in range(ARTISANS_PER_CENTRE):
            slug = f"bench-artisan-{c}-{a}"
            artisan = Artisan.objects.filter(slug=slug).first()
            if artisan is None:
                partner = Partner.objects.create(name=f"Bench workshop {c}-{a}", code=slug)
                artisan = Artisan.objects.create(
                    name=f"Bench Artisan {c}-{a}",
                    slug=slug,
                    centre=centre,
                    partner=partner,
                    is_fictional=True,
                )
            for p in range(PRODUCTS_PER_ARTISAN):
                code = f"BENCH-{c}-{a}-{p}"
                if Product.objects.filter(code=code).exists():
                    continue
                product = Product.objects.create(
                    title=f"Bench piece {c}-{a}-{p}",
                    code=code,
                    product_class=classes[(a + p) % len(classes)],
                    artisan=artisan,
                    centre=centre,
                    technique=TECHNIQUES[(a + p) % len(TECHNIQUES)],
                    is_public=True,
                )
                StockRecord.objects.create(
                    product=product,
                    partner=artisan.partner,
                    partner_sku=code,
                    price_currency="IDR",
                    price=Decimal(100000 + 25000 * ((a * 7 + p * 3) % 40)),
                    num_in_stock=100,
                )
    return centres


def ensure_history(lines: int, *, progress: Progress) -> int:
    """Generate bench orders until about ``lines`` bench lines exist; returns the count."""
    have = Line.objects.filter(order__number__startswith=PREFIX).count()
    if have < lines * 0.95:
        days = (timezone.localdate() - add_months(timezone.localdate(), -MONTHS)).days + 1
        summary = demo.generate_orders(
            months=MONTHS,
            orders_per_day=(lines - have) / AVERAGE_LINES_PER_ORDER / days,
            seed=4242 + have,
            number_prefix=f"{PREFIX}{have}-",
            record_payouts=False,
            progress=progress,
        )
        progress(f"created {summary.orders_created} orders, {summary.lines_created} lines")
    posted = services.post_unposted_earnings(
        orders=Order.objects.filter(number__startswith=PREFIX)
    ).entries_created
    if posted:
        progress(f"posted {posted} ledger entries")
    refresh_statistics()
    return Line.objects.filter(order__number__startswith=PREFIX).count()


def refresh_statistics() -> None:
    """Let PostgreSQL's planner see the bulk-loaded rows (autovacuum would, later)."""
    if connection.vendor != "postgresql":
        return
    # VACUUM (which also lets index-only scans skip the table) cannot run inside a
    # transaction, as in a test; ANALYZE can.
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        for table in ("order_order", "order_line", "sales_ledgerentry", "sales_settlementaccount"):
            cursor.execute(f"{command} {table}")


def _login(username: str, **flags) -> Client:
    user, _ = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@bench.example", **flags}
    )
    client = Client()
    client.force_login(user)
    return client, user


def measure(client: Client, url: str, *, repeat: int) -> tuple[list[float], int, int]:
    client.get(url)  # warm caches, open the session's basket
    timings, queries, status = [], 0, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        queries, status = len(captured), response.status_code
    return timings, queries, status


def run(*, lines: int, repeat: int, progress: Progress) -> tuple[int, int, list[Measurement]]:
    centres = ensure_bench_catalogue()
    line_count = ensure_history(lines, progress=progress)
    entry_count = LedgerEntry.objects.filter(order_number__startswith=PREFIX).count()
    admin, _ = _login("bench-admin", is_superuser=True, is_staff=True)
    manager, manager_user = _login("bench-manager")
    centres[0].managers.add(manager_user)
    month = add_months(timezone.localdate(), -1)
    year_ago = add_months(timezone.localdate(), -MONTHS)
    this_month = timezone.localdate().replace(day=1)
    artisan = Artisan.objects.filter(centre=centres[0]).order_by("pk").first()
    pages = {
        "dashboard, last month": reverse("sales:dashboard")
        + f"?period=month&date={month.isoformat()}&currency=IDR",
        "dashboard, 12 months": reverse("sales:dashboard")
        + f"?period=custom&start={year_ago.isoformat()}"
        + f"&end={timezone.localdate().isoformat()}&currency=IDR",
        # Whole months only: a period that is over is served from the report cache.
        "dashboard, 12 closed months": reverse("sales:dashboard")
        + f"?period=custom&start={add_months(this_month, -MONTHS).isoformat()}"
        + f"&end={(this_month - timedelta(days=1)).isoformat()}&currency=IDR",
        "artisans CSV, 12 months": reverse("sales:export", args=["artisans"])
        + f"?period=custom&start={year_ago.isoformat()}"
        + f"&end={timezone.localdate().isoformat()}&currency=IDR",
        "settlements list": reverse("sales:settlements"),
        "account ledger": reverse("sales:account", args=[centres[0].pk, artisan.pk]),
        "task hub": reverse("backoffice:tasks"),
    }
    results = []
    for who, client in (("admin", admin), ("manager", manager)):
        for page, url in pages.items():
            timings, queries, status = measure(client, url, repeat=repeat)
            results.append(
                Measurement(
                    who=who,
                    page=page,
                    median_ms=statistics.median(timings),
                    max_ms=max(timings),
                    queries=queries,
                    status=status,
                )
            )
            progress(f"{who:8} {page:26} {statistics.median(timings):8.1f} ms {queries:3} queries")
    return line_count, entry_count, results
