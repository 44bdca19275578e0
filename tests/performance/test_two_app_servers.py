"""Two app servers, one PostgreSQL and one Redis: nothing lives in a server's memory.

Starts two gunicorn processes on free ports of 127.0.0.1, both on the test database
and one Redis (cache and sessions, under a key prefix of this test), and drives them
with one visitor's cookies: signed in on A, the basket filled on A is seen on B; a
sale recorded in the database by a third process of the shop shows as sold out on
both at once, in the cards and in the cached facet counts, and B refuses to add the
sold-out piece. The servers run with DEBUG on only to spare a collectstatic;
``make bench`` serves production settings.
"""

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests
from django.db import connection
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from tests.factories import ProductFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
StockRecord = get_model("partner", "StockRecord")
Basket = get_model("basket", "Basket")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
IN_STOCK_COUNT = re.compile(
    r'data-facet="in_stock">.*?class="facet-count[^"]*">(\d+)</span>', re.DOTALL
)
PASSWORD = "secret-pass-123"  # UserFactory's


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or "5432"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def app_servers(needs_postgres, transactional_db, redis_url, tmp_path):
    """Two gunicorn servers sharing the test database and Redis; stopped afterwards."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": f"test-two-servers-{uuid.uuid4().hex}",
        "DEBUG": "True",
        "SECRET_KEY": "two-servers-share-this-secret-key-" + uuid.uuid4().hex,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "ERROR",
    }
    servers, logs = [], []
    try:
        for name in ("a", "b"):
            port = _free_port()
            log = (tmp_path / f"gunicorn-{name}.log").open("w")
            logs.append(log)
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "marketplace.wsgi", "--workers", "1"]
                + ["--bind", f"127.0.0.1:{port}", "--timeout", "60"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            servers.append((process, f"http://127.0.0.1:{port}"))
        for process, base in servers:
            _wait_until_up(process, base, tmp_path)
        yield SimpleNamespace(
            bases=[base for _, base in servers],
            cache={
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": env["CACHE_KEY_PREFIX"],
            },
        )
    finally:
        for process, _ in servers:
            process.terminate()
        for process, _ in servers:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in logs:
            log.close()
        import redis

        client = redis.Redis.from_url(redis_url)
        for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"):
            client.delete(key)


def _wait_until_up(process, base: str, tmp_path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            logs = "\n".join(p.read_text() for p in tmp_path.glob("gunicorn-*.log"))
            pytest.fail(f"gunicorn exited: {logs[-2000:]}")
        try:
            if requests.get(base + "/sentra/", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.3)
    pytest.fail(f"{base} did not answer within 60 s")


def _token(visitor: requests.Session, url: str) -> str:
    response = visitor.get(url, timeout=30)
    assert response.status_code == 200
    return CSRF_FIELD.search(response.text).group(1)


def _card(html: str, product) -> str:
    match = re.search(rf'data-product-id="{product.pk}">(.*?)</article>', html, re.DOTALL)
    assert match, "the product is not on the page"
    return match.group(1)


def _in_stock_count(html: str) -> int:
    return int(IN_STOCK_COUNT.search(html).group(1))


def test_two_app_servers_share_sessions_baskets_and_stock(app_servers, settings):
    server_a, server_b = app_servers.bases
    # This process writes like a third app server: through the shared cache.
    settings.CACHES = {"default": app_servers.cache}
    # A hash the servers' own settings can check (tests hash with MD5 for speed).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user = UserFactory(email="pembeli@example.com", password=PASSWORD)
    piece = ProductFactory(title="Kain tulis Surya", stock__num_in_stock=1)
    other = ProductFactory(title="Selendang cap", stock__price=Decimal("250000"))
    visitor = requests.Session()  # one browser: its cookies go to both servers

    # Signed in on A ...
    token = _token(visitor, f"{server_a}/accounts/login/")
    response = visitor.post(
        f"{server_a}/accounts/login/",
        data={
            "csrfmiddlewaretoken": token,
            "login-username": user.email,
            "login-password": PASSWORD,
            "login_submit": "1",
        },
        headers={"Referer": f"{server_a}/accounts/login/"},
        timeout=30,
    )
    assert response.status_code == 200, response.text[-500:]
    # ... so signed in on B: the session is in Redis, not in A's memory.
    profile = visitor.get(f"{server_b}/accounts/profile/", timeout=30, allow_redirects=False)
    assert profile.status_code == 200
    assert user.email in profile.text

    # A basket filled on A is the basket seen on B.
    token = _token(visitor, f"{server_a}{piece.get_absolute_url()}")
    response = visitor.post(
        f"{server_a}/basket/add/{piece.pk}/",
        data={"csrfmiddlewaretoken": token, "quantity": 1},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302
    basket_on_b = visitor.get(f"{server_b}/basket/", timeout=30).text
    assert "Kain tulis Surya" in basket_on_b
    assert Basket.open.get(owner=user).num_lines == 1

    # Both servers have drawn (and cached) the catalogue; then the piece sells and
    # the other one's price changes, straight in the database, as an order would.
    for server in (server_a, server_b):
        html = visitor.get(f"{server}/catalogue/", timeout=30).text
        assert 'class="instock availability"' in _card(html, piece)
        assert _in_stock_count(html) == 2
    StockRecord.objects.filter(product=piece).update(num_allocated=1)
    StockRecord.objects.filter(product=other).update(price=Decimal("199000"))
    for server in (server_a, server_b):
        html = visitor.get(f"{server}/catalogue/", timeout=30).text
        assert 'class="outofstock availability"' in _card(html, piece)
        assert _in_stock_count(html) == 1
        assert currency(Decimal("199000"), "IDR") in _card(html, other)
        assert currency(Decimal("250000"), "IDR") not in _card(html, other)

    # B refuses to add the sold-out piece to another basket.
    newcomer = requests.Session()
    token = _token(newcomer, f"{server_b}{other.get_absolute_url()}")
    newcomer.post(
        f"{server_b}/basket/add/{piece.pk}/",
        data={"csrfmiddlewaretoken": token, "quantity": 1},
        allow_redirects=False,
        timeout=30,
    )
    assert Basket.objects.exclude(owner=user).filter(lines__product=piece).count() == 0
