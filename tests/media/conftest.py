"""Fixtures for the media tests: counting image work, stored files."""

from collections import Counter

import pytest
from django.core.files.storage import Storage
from PIL import Image

# The tests read our refusal messages in English (they are lazy, so translated when read).
from tests.i18n import english, english_client  # noqa: F401


@pytest.fixture
def image_work(monkeypatch):
    """Counts Pillow opens and storage writes from here on (``counts["open"]``, ``["save"]``)."""
    counts = Counter()
    real_open, real_save = Image.open, Storage.save

    def counting_open(*args, **kwargs):
        counts["open"] += 1
        return real_open(*args, **kwargs)

    def counting_save(self, *args, **kwargs):
        counts["save"] += 1
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Image, "open", counting_open)
    monkeypatch.setattr(Storage, "save", counting_save)
    return counts
