"""Benchmark, Django side: choose the pages to load and count their SQL queries.

Run by ``scripts/bench.py`` with the benchmark's environment (its database, production
settings). Reads the generated catalogue, picks the URLs each load scenario requests,
renders one of each through Django's test client with ``CaptureQueriesContext`` and
writes both to a JSON plan that the locustfile reads. The query count is the second
request of each page (the first fills per-process caches such as content types), so it
is what a warm app server does on every request.

    python scripts/bench_pages.py PLAN.json
"""

import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from marketplace.centres.models import Artisan, Centre  # noqa: E402

Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")
Motif = get_model("catalogue", "Motif")
Product = get_model("catalogue", "Product")

HOST = "127.0.0.1"
SAMPLE = 200  # distinct URLs per scenario, so the load is not one hot row
BASKET_LINES = 5  # lines in the basket the "basket page" scenario shows
TIMING_RUNS = 15  # renders per page for the in-process timing
TRACE_PREFIX = "/t/"  # the trace page (issue 3); measured only when it answers 200
# A domestic address: checkout by bank transfer is for rupiah orders shipped in Indonesia.
CHECKOUT_ADDRESS = {
    "first_name": "Sri",
    "last_name": "Wahyuni",
    "line1": "Jalan Kedungsari 12",
    "line4": "Kota Mojokerto",
    "postcode": "61316",
    "country": "ID",
}


def _public_products():
    return (
        Product.objects.browsable()
        .filter(stockrecords__price__isnull=False, stockrecords__num_in_stock__gt=0)
        .order_by("pk")
    )


def choose_targets(rng: random.Random) -> dict:
    products = list(_public_products().values_list("pk", "slug", "trace_code")[:5000])
    if len(products) < BASKET_LINES + 1:
        raise SystemExit("The benchmark needs a generated catalogue (load_demo --products N).")
    sample = rng.sample(products, min(SAMPLE, len(products)))
    categories = [
        c.get_absolute_url()
        for c in Category.objects.filter(is_public=True, depth=1).order_by("path")
    ]
    terms = sorted({m.name.split()[0] for m in Motif.objects.all()} | {"Batik", "Kain"})
    return {
        "product_urls": [reverse("catalogue:detail", args=[slug, pk]) for pk, slug, _ in sample],
        "product_ids": [pk for pk, _, _ in sample],
        "trace_urls": [f"{TRACE_PREFIX}{code}/" for _, _, code in sample],
        "category_urls": categories,
        "search_terms": terms,
        "centre_urls": [
            c.get_absolute_url() for c in Centre.objects.order_by("?")[:SAMPLE] if c.slug
        ],
        "artisan_urls": [
            a.get_absolute_url()
            for a in Artisan.objects.filter(
                Q(products__is_public=True) & Q(products__parent__isnull=True)
            )
            .distinct()
            .order_by("?")[:SAMPLE]
        ],
        "basket_lines": BASKET_LINES,
        "facet_urls": facet_urls(rng),
        # Pieces with the most stock, so checkouts rarely sell one out.
        "checkout_product_ids": list(
            _public_products()
            .filter(stockrecords__num_in_stock__gte=5)
            .order_by("-stockrecords__num_in_stock", "pk")
            .values_list("pk", flat=True)[:SAMPLE]
        ),
        "checkout_address": CHECKOUT_ADDRESS,
    }


def facet_urls(rng: random.Random) -> list[str]:
    """Catalogue lists narrowed by technique, dye and centre, as a shopper ticks them.

    Combinations that exist in the catalogue, so every list has products in it.
    """
    combos = sorted(
        set(
            _public_products()
            .filter(centre__isnull=False)
            .values_list("technique", "dye", "centre__slug")[:5000]
        )
    )
    chosen = rng.sample(combos, min(SAMPLE, len(combos)))
    return [f"/catalogue/?technique={t}&dye={d}&centre={c}" for t, d, c in chosen]


def checkout_queries(targets: dict) -> dict:
    """Status and SQL queries of one whole guest checkout by bank transfer."""
    client = Client(HTTP_HOST=HOST)
    product_id = targets["checkout_product_ids"][0]
    steps = [
        ("POST", reverse("basket:add", args=[product_id]), {"quantity": 1}),
        ("GET", reverse("checkout:index"), None),
        ("POST", reverse("checkout:index"), {"username": "b@example.com", "options": "anonymous"}),
        ("GET", reverse("checkout:shipping-address"), None),
        ("POST", reverse("checkout:shipping-address"), CHECKOUT_ADDRESS),
        ("GET", reverse("checkout:shipping-method"), None),
        ("GET", reverse("checkout:payment-method"), None),
        ("POST", reverse("checkout:payment-method"), {"method": "bank-transfer"}),
        ("GET", reverse("checkout:preview"), None),
    ]
    queries = 0
    with CaptureQueriesContext(connection) as ctx:
        for method, url, data in steps:
            send = client.post if method == "POST" else client.get
            response = send(url, data or {})
            if response.status_code not in (200, 302):
                return {"url": url, "status": response.status_code, "queries": None}
        amount = re.search(r'name="amount_minor" value="(\d+)"', response.content.decode())
        if amount is None:
            return {
                "url": reverse("checkout:preview"),
                "status": response.status_code,
                "queries": None,
            }
        amount = amount.group(1)
        response = client.post(
            reverse("checkout:preview"), {"action": "place_order", "amount_minor": amount}
        )
        placed = response.status_code == 302 and "thank-you" in response.get("Location", "")
        thanks = client.get(reverse("checkout:thank-you"))
        queries = len(ctx.captured_queries)
    status = thanks.status_code if placed else response.status_code
    return {"url": reverse("checkout:index"), "status": status, "queries": queries}


def _count(client: Client, method: str, url: str, data=None) -> tuple[int, int]:
    """Status and queries of the second of two identical requests."""
    send = client.post if method == "POST" else client.get
    send(url, data or {})
    with CaptureQueriesContext(connection) as ctx:
        response = send(url, data or {})
    return response.status_code, len(ctx.captured_queries)


def _timing(client: Client, url: str) -> dict:
    """Median wall and CPU milliseconds of one GET, in this process (no HTTP, no load).

    The CPU time is the app's own work (templates, ORM, Python), which other processes
    on a busy machine disturb much less than wall time; wall time adds the database.
    """
    wall, cpu = [], []
    for _ in range(TIMING_RUNS):
        w0, c0 = time.perf_counter(), time.process_time()
        client.get(url)
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return {
        "wall_ms": round(statistics.median(wall), 1),
        "cpu_ms": round(statistics.median(cpu), 1),
    }


def _basket_client(product_ids: list[int], lines: int) -> Client:
    client = Client(HTTP_HOST=HOST)
    for pk in product_ids[:lines]:
        client.post(reverse("basket:add", args=[pk]), {"quantity": 1})
    return client


def count_queries(targets: dict) -> dict:
    """Queries per page for one URL of each scenario (``None`` where the page is absent)."""
    get = {
        "home": reverse("storefront:home"),
        "catalogue": reverse("catalogue:index"),
        "category": targets["category_urls"][1 % len(targets["category_urls"])],
        "search": reverse("search:search") + f"?q={targets['search_terms'][0]}",
        "product": targets["product_urls"][0],
        "centre": targets["centre_urls"][0],
        "artisan": targets["artisan_urls"][0],
        "trace": targets["trace_urls"][0],
        "facets": targets["facet_urls"][0],
    }
    pages = {}
    for name, url in get.items():
        client = Client(HTTP_HOST=HOST)
        status, queries = _count(client, "GET", url)
        pages[name] = {"url": url, "status": status, "queries": queries if status == 200 else None}
        if status == 200:
            pages[name].update(_timing(client, url))

    ids = targets["product_ids"]
    basket = _basket_client(ids[1:], targets["basket_lines"])
    status, queries = _count(basket, "GET", reverse("basket:summary"))
    pages["basket_page"] = {"url": reverse("basket:summary"), "status": status, "queries": queries}
    pages["basket_page"].update(_timing(basket, reverse("basket:summary")))

    # Adding to a basket that already holds a few lines (the second add is counted).
    adder = _basket_client(ids[10:], 3)
    add_url = reverse("basket:add", args=[ids[0]])
    with CaptureQueriesContext(connection) as ctx:
        response = adder.post(add_url, {"quantity": 1})
    pages["basket_add"] = {
        "url": add_url,
        "status": response.status_code,
        "queries": len(ctx.captured_queries) if response.status_code == 302 else None,
    }
    pages["checkout"] = checkout_queries(targets)
    return pages


def main() -> None:
    plan_path = Path(sys.argv[1])
    targets = choose_targets(random.Random(2026))
    pages = count_queries(targets)
    targets["has_trace_page"] = pages["trace"]["status"] == 200
    plan = {"targets": targets, "pages": pages, "database": connection.vendor}
    plan_path.write_text(json.dumps(plan, indent=2))
    for name, page in pages.items():
        timing = f"{page.get('wall_ms', '—')} ms wall, {page.get('cpu_ms', '—')} ms CPU"
        print(f"  {name:<12} {page['status']}  {page['queries']} queries  {timing}  {page['url']}")


if __name__ == "__main__":
    main()
