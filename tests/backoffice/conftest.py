"""Our messages are read in English here (see tests/i18n.py)."""

from tests.i18n import english, english_client, indonesian_client  # noqa: F401
