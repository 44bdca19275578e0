"""English for tests that read our strings; the shop itself defaults to Indonesian.

A conftest imports these fixtures to make its tests read English messages. Tests about
what an Indonesian user sees ask for ``indonesian_client`` or override the language.
"""

import pytest
from django.test import Client
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(name="client")
def english_client(english):
    """pytest-django's ``client``, asking for English."""
    return Client(headers={"accept-language": "en"})


@pytest.fixture
def indonesian_client():
    return Client(headers={"accept-language": "id"})
