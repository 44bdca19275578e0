"""Shared fixtures: a few named ones; factories live in tests/factories.py."""

import os
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.cache import caches
from django.db import connection

from tests.factories import ArtisanFactory, CentreFactory

# Tests use this Redis database number, apart from a shop's (0) and other tools'.
TEST_REDIS_DB = 9


@pytest.fixture
def centre(db):
    return CentreFactory()


@pytest.fixture
def artisan(centre):
    return ArtisanFactory(centre=centre)


@pytest.fixture
def needs_postgres(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://… to run it")


@pytest.fixture
def redis_url():
    """A Redis for tests that need a shared cache: ``REDIS_URL``'s server (or the local
    one), database 9, skipped with the reason when it cannot be reached. Tests give it a
    key prefix of their own and delete only their keys."""
    import redis

    base = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    url = urlunsplit(urlsplit(base)._replace(path=f"/{TEST_REDIS_DB}"))
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError as error:
        pytest.skip(f"needs Redis at {url} ({error}); start redis-server or set REDIS_URL")
    return url


@pytest.fixture
def redis_cache(settings, redis_url):
    """Django's default cache in Redis, under a key prefix used by this test only."""
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
        }
    }
    yield caches["default"]
    caches["default"].delete_pattern("*")


# --- Checkout and payments -------------------------------------------------------------
@pytest.fixture(scope="session")
def _fake_stripe_server():
    """localstripe on a free 127.0.0.1 port, in a thread, for the whole test session."""
    from marketplace.payments.fake_stripe import ThreadedFakeStripe

    server = ThreadedFakeStripe().start()
    yield server
    server.stop()


@pytest.fixture
def fake_stripe(_fake_stripe_server, settings):
    """The offline Stripe, emptied, with the shop's settings pointing at it."""
    from marketplace.payments import fake_stripe as fake

    fake.reset(_fake_stripe_server.url)
    settings.STRIPE_OFFLINE = True
    settings.STRIPE_SECRET_KEY = fake.FAKE_SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = fake.FAKE_PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = fake.FAKE_WEBHOOK_SECRET
    settings.STRIPE_API_BASE = _fake_stripe_server.url
    settings.STRIPE_JS_URL = f"{_fake_stripe_server.url}/js.stripe.com/v3/"
    return _fake_stripe_server


@pytest.fixture
def shop(db):
    """Shipping countries and methods, and a USD rate: a shop that takes orders."""
    from tests.factories import setup_shop

    return setup_shop()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache: rate-limit counters, cached product
    cards and lockout state must not leak from one test into the next."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
