#!/usr/bin/env python
"""``make bench``: load-test the shop on a 10,000-product catalogue, on this machine only.

1. A dedicated database: with ``DATABASE_URL`` pointing at PostgreSQL, a sibling
   database named ``<name>_bench`` on the same server (created if missing, reused
   after: the demo loader is idempotent; ``--fresh`` drops it first); otherwise an
   SQLite file in a temporary folder.
2. ``migrate``, ``load_demo --products N`` (50 centres, 500 artisans for 10,000) and
   ``collectstatic`` into a temporary STATIC_ROOT, under production settings
   (DEBUG=False, a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, no HTTPS redirect).
3. SQL queries per page, counted by ``bench_pages.py`` with Django's test client.
4. gunicorn on 127.0.0.1:<free port>; locust headless runs each scenario for
   ``--duration`` seconds; gunicorn is stopped at the end whatever happens.
5. A table of requests/s, p50/p95/p99 latency and queries per page, printed and
   written to bench-results/ (Markdown and JSON).

Traffic goes to 127.0.0.1 only. ``REDIS_URL``, when set, is passed on (cache and
sessions in Redis); the benchmark then uses its own key prefix.
"""

import argparse
import csv
import datetime as dt
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench-results"
LOOPBACK = "127.0.0.1"
BENCH_KEY_PREFIX = "bench"  # the benchmark's cache keys in a shared Redis

# scenario name -> (locust user class, page whose SQL queries are shown)
SCENARIOS = {
    "home": ("Home", "home"),
    "catalogue": ("Catalogue", "catalogue"),
    "category": ("Category", "category"),
    "search": ("Search", "search"),
    "product": ("Product", "product"),
    "centre": ("Centre", "centre"),
    "artisan": ("Artisan", "artisan"),
    "trace": ("Trace", "trace"),  # the trace page /t/<code>/ (issue 3), when present
    "facets": ("Facets", "facets"),  # the list filtered by technique, dye and centre
    "basket add": ("BasketAdd", "basket_add"),
    "basket page": ("BasketPage", "basket_page"),
    # A guest's whole checkout (add, e-mail, address, shipping, bank transfer, place
    # order, thank-you): req/s are checkouts/s, latency the whole flow, SQL all requests.
    "checkout": ("Checkout", "checkout"),
}


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


# --- The database ----------------------------------------------------------------------
def postgres_bench_url(database_url: str, *, fresh: bool) -> str:
    """The URL of ``<name>_bench`` beside the database of ``database_url``, created."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/") or "marketplace"
    bench_name = name if name.endswith("_bench") else f"{name}_bench"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True) as db:
        if fresh:
            db.execute(f'DROP DATABASE IF EXISTS "{bench_name}" WITH (FORCE)')
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [bench_name]).fetchone()
        if not exists:
            db.execute(f'CREATE DATABASE "{bench_name}"')
    return urlunsplit(parts._replace(path=f"/{bench_name}"))


def bench_environment(args, workdir: Path) -> dict:
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://", "pgsql://")):
        bench_db = postgres_bench_url(database_url, fresh=args.fresh)
    else:
        bench_db = f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env.update(
        DATABASE_URL=bench_db,
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=LOOPBACK,
        SECURE_SSL_REDIRECT="False",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        CONN_MAX_AGE=os.environ.get("CONN_MAX_AGE", "60"),
        CACHE_KEY_PREFIX=BENCH_KEY_PREFIX,
        LOG_LEVEL="ERROR",
        PYTHONUNBUFFERED="1",
        # Every simulated shopper comes from 127.0.0.1, so the per-IP limits (basket
        # add: a few dozen a minute) would answer 429 within seconds. The limiter still
        # runs and is paid for; its allowances are only raised past what 8 users reach.
        RATE_LIMIT_SCALE=os.environ.get("RATE_LIMIT_SCALE", "10000"),
    )
    return env


def analyze(database_url: str) -> None:
    """Refresh the planner's statistics after the bulk load.

    Without them PostgreSQL plans the catalogue query for a handful of rows and joins
    all 10,000 (measured: 979 ms instead of 13 ms); autovacuum would fix that within a
    minute or so, during the measurement.
    """
    if database_url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            db.execute("ANALYZE")
        return
    import psycopg

    url = database_url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("ANALYZE")


def forget_cached_keys(redis_url: str, prefix: str) -> None:
    """Delete the benchmark's own keys (its cache key prefix) from Redis, nothing else."""
    if not redis_url:
        return
    import redis

    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(f"{prefix}:*", count=1000):
        client.delete(key)


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


# --- The app server --------------------------------------------------------------------
def start_gunicorn(env: dict, port: int, workers: int, logfile: Path) -> subprocess.Popen:
    command = [
        PYTHON,
        "-m",
        "gunicorn",
        "marketplace.wsgi",
        "--bind",
        f"{LOOPBACK}:{port}",
        "--workers",
        str(workers),
        "--worker-tmp-dir",
        "/dev/shm" if Path("/dev/shm").is_dir() else tempfile.gettempdir(),
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    out = logfile.open("w")
    # Its own process group, so stopping it stops every worker.
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited early; see {logfile}")
        try:
            with urllib.request.urlopen(f"http://{LOOPBACK}:{port}/", timeout=5) as response:
                if response.status == 200:
                    return process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    stop(process)
    raise SystemExit(f"gunicorn did not answer on port {port} within 60 s; see {logfile}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- Load --------------------------------------------------------------------------------
def run_locust(env: dict, plan: Path, port: int, user_class: str, args, prefix: Path) -> None:
    command = [
        PYTHON,
        "-m",
        "locust",
        "-f",
        str(ROOT / "scripts" / "locustfile.py"),
        "--headless",
        "--host",
        f"http://{LOOPBACK}:{port}",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.users),
        "--run-time",
        f"{args.duration}s",
        "--stop-timeout",
        "5",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        user_class,
    ]
    subprocess.run(
        command,
        cwd=ROOT,
        env={**env, "BENCH_PLAN": str(plan)},
        check=False,
        stdout=subprocess.DEVNULL,
        timeout=args.duration + 60,
    )


def read_stats(prefix: Path, request_name: str) -> dict | None:
    path = Path(f"{prefix}_stats.csv")
    if not path.exists():
        return None
    with path.open() as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == request_name:
                return {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": float(row["Requests/s"]),
                    "p50": float(row["50%"]),
                    "p95": float(row["95%"]),
                    "p99": float(row["99%"]),
                }
    return None


# --- Report ------------------------------------------------------------------------------
def machine() -> str:
    cores = os.cpu_count()
    try:
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{mem_kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        memory = "?"
    return f"{cores} cores, {memory}"


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def git_commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout.strip() or "?"


def table(rows: list[dict]) -> str:
    header = (
        "| scenario | req/s | p50 ms | p95 ms | p99 ms | requests | failures | SQL/page "
        "| app CPU ms | app wall ms |"
    )
    lines = [header, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        stats = row["stats"]
        page = row.get("page") or {}
        queries = "—" if page.get("queries") is None else str(page["queries"])
        own = f"{page.get('cpu_ms', '—')} | {page.get('wall_ms', '—')}"
        if stats is None:
            lines.append(f"| {row['scenario']} | — | — | — | — | — | — | {queries} | {own} |")
            continue
        lines.append(
            f"| {row['scenario']} | {stats['rps']:.1f} | {stats['p50']:.0f} | {stats['p95']:.0f} "
            f"| {stats['p99']:.0f} | {stats['requests']} | {stats['failures']} | {queries} "
            f"| {own} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=20, help="seconds per scenario")
    parser.add_argument("--users", type=int, default=8, help="concurrent locust users")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated")
    parser.add_argument("--fresh", action="store_true", help="drop the PostgreSQL bench DB")
    parser.add_argument("--label", default="", help="a note for the results file")
    args = parser.parse_args()
    chosen = [name.strip() for name in args.scenarios.split(",") if name.strip()]
    unknown = set(chosen) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")

    RESULTS.mkdir(exist_ok=True)
    started = dt.datetime.now().astimezone()
    stamp = started.strftime("%Y%m%d-%H%M%S")
    workdir = Path(tempfile.mkdtemp(prefix="marketplace-bench-"))
    load_before = load_average()
    server = None
    try:
        env = bench_environment(args, workdir)
        database = env["DATABASE_URL"].split("@")[-1]
        log(f"database {database}; products {args.products}; workdir {workdir}")
        t0 = time.monotonic()
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_demo", "--products", str(args.products))
        manage(env, "setup_checkout")  # shipping methods and countries, for checkout
        manage(env, "collectstatic", "--no-input", "-v", "0")
        analyze(env["DATABASE_URL"])
        setup_seconds = time.monotonic() - t0
        log(f"catalogue ready in {setup_seconds:.0f} s; counting queries per page")
        plan = workdir / "plan.json"
        subprocess.run([PYTHON, "scripts/bench_pages.py", str(plan)], cwd=ROOT, env=env, check=True)
        pages = json.loads(plan.read_text())["pages"]

        port = free_port()
        server = start_gunicorn(env, port, args.workers, workdir / "gunicorn.log")
        log(f"gunicorn ({args.workers} workers) on {LOOPBACK}:{port}; {args.users} users")
        rows = []
        for name in chosen:
            user_class, page = SCENARIOS[name]
            measured = pages.get(page, {})
            if measured.get("status") not in (200, 302):
                log(f"{name}: the page answers {measured.get('status')} on this branch, skipped")
                rows.append({"scenario": name, "stats": None, "page": None})
                continue
            log(f"{name}: {args.duration} s")
            prefix = workdir / name.replace(" ", "_")
            run_locust(env, plan, port, user_class, args, prefix)
            rows.append({"scenario": name, "stats": read_stats(prefix, name), "page": measured})
    finally:
        if server is not None:
            stop(server)
        forget_cached_keys(os.environ.get("REDIS_URL", ""), BENCH_KEY_PREFIX)
    load_after = load_average()

    cache = "Redis" if os.environ.get("REDIS_URL") else "local memory"
    summary = (
        f"{started:%Y-%m-%d %H:%M %Z} · commit {git_commit()} · {machine()} · "
        f"database {json.loads(plan.read_text())['database']} · cache {cache} · "
        f"{args.products} products · gunicorn {args.workers} sync workers · "
        f"{args.users} users · {args.duration} s per scenario · "
        f"load average before {load_before}, after {load_after}"
        + (f" · {args.label}" if args.label else "")
    )
    report = f"{summary}\n\n{table(rows)}\n"
    print()
    print(report)
    out = RESULTS / f"bench-{stamp}"
    out.with_suffix(".md").write_text(report)
    out.with_suffix(".json").write_text(
        json.dumps({"summary": summary, "rows": rows, "pages": pages}, indent=2)
    )
    shutil.copy(out.with_suffix(".md"), RESULTS / "latest.md")
    log(f"written to {out.with_suffix('.md').relative_to(ROOT)}")
    failed = [row["scenario"] for row in rows if row["stats"] and row["stats"]["failures"]]
    if failed:
        # The server's own account of the failures outlives the temporary folder.
        kept = out.with_name(f"{out.name}-gunicorn.log")
        shutil.copy(workdir / "gunicorn.log", kept)
        log(f"failures in {', '.join(failed)}: the server's log is {kept.relative_to(ROOT)}")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
