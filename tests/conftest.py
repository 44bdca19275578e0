"""Shared fixtures: a few named ones; factories live in tests/factories.py."""

import pytest
from django.db import connection

from tests.factories import ArtisanFactory, CentreFactory


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
