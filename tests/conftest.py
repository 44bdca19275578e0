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
