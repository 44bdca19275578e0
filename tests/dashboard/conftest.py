"""Oscar's strings are read in English here (see tests/i18n.py)."""

from tests.i18n import english, english_client  # noqa: F401
