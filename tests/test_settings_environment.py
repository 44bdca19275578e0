"""Settings read from the environment: safe defaults, loud failures in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Variables each test sets itself; DJANGO_ALLOW_ASYNC_UNSAFE is set for Playwright in
# the test process and must not leak into a "production" child.
CONTROLLED = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "ALLOWED_HOSTS": "shop.example.id",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in CONTROLLED}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_start_up_stops_without_secret_key_or_allowed_hosts(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"{missing} must be set when DEBUG is off" in result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_development_defaults_need_no_environment():
    result = manage("check")
    assert result.returncode == 0, result.stderr


# Two threads (as runserver's, or two gunicorn workers) each read a row and then write
# it inside one transaction, on a SQLite file with the shop's default settings.
READ_THEN_WRITE = """
import threading, time
from django.db import connection, transaction
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (n integer)")
    cursor.execute("INSERT INTO counter VALUES (0)")
errors = []
def sale():
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                (n,) = cursor.fetchone()
                time.sleep(0.5)
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()
threads = [threading.Thread(target=sale) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT n FROM counter")
    print("n =", cursor.fetchone()[0], "errors =", errors)
"""


def test_sqlite_transactions_wait_for_each_other_instead_of_failing(tmp_path):
    """Deferred transactions failed here: one sale raised "database is locked"."""
    database = f"sqlite:///{tmp_path / 'shop.sqlite3'}"
    result = manage("shell", "-c", READ_THEN_WRITE, DATABASE_URL=database)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "n = 2 errors = []"


PRINT_FACET_SECONDS = "from django.conf import settings; print(settings.FACET_CACHE_SECONDS)"


@pytest.mark.parametrize(
    ("env", "seconds"),
    [
        ({"REDIS_URL": ""}, "600"),  # development: one runserver process
        ({**PRODUCTION, "REDIS_URL": ""}, "0"),  # workers with memories of their own
        ({**PRODUCTION, "REDIS_URL": "redis://127.0.0.1:6379/9"}, "600"),  # one shared cache
        ({**PRODUCTION, "REDIS_URL": "", "FACET_CACHE_SECONDS": "30"}, "30"),
    ],
)
def test_facet_counts_are_cached_only_where_every_process_sees_the_same_cache(env, seconds):
    result = manage("shell", "-c", PRINT_FACET_SECONDS, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == seconds
