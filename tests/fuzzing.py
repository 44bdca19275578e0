"""Property-based request fuzzing (hypothesis) for any endpoint: never a server error,
never a partial write. Reusable by every app's tests, e.g. for the CSV stock import,
the Stripe webhook or the trace JSON:

    def test_webhook_survives_anything(client):
        fuzz(
            "stripe-webhook",
            st.binary(max_size=4000),
            send=lambda body: client.post("/payments/webhook/", body,
                                          content_type="application/json"),
            watch=[PaymentEvent, Order],
            allowed_writes=lambda response, delta: delta == {} or response.status_code == 200,
        )

Each example runs inside a savepoint that is rolled back, so examples do not see each
other's writes. The number of examples comes from the active hypothesis profile
(tests/fuzz/conftest.py: HYPOTHESIS_PROFILE=ci|thorough) and every run is counted in
``EXAMPLES_RUN``, printed at the end of the test session.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES_RUN: Counter[str] = Counter()

# Inputs people and bots really send: markup, SQL, template syntax, path tricks,
# huge numbers, right-to-left and zero-width characters, NUL bytes, emoji.
NASTY = [
    "",
    " ",
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "' OR 1=1 --",
    "'; DROP TABLE auth_user; --",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "../../../../etc/passwd",
    "%00",
    "\x00",
    "a\x00b",
    "9" * 40,
    "-1",
    "0",
    "1e309",
    "NaN",
    "\u202eevil\u202c",
    "\u200b",
    "🧵🎨" * 10,
    "Batik Tulis Sekar Jagad",
    "x" * 5000,
]


def nasty_text(max_size: int = 300) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NASTY),
        st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=max_size),
    )


def form_fields(names: Iterable[str], **fixed) -> st.SearchStrategy[dict]:
    """A dict of nasty values for ``names``; ``fixed`` values are kept as given,
    and each name may also be missing altogether."""
    optional = {name: nasty_text() for name in names}
    return st.fixed_dictionaries({k: st.just(v) for k, v in fixed.items()}, optional=optional)


def row_counts(models: Iterable) -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in models}


def changed(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {k: after[k] - before[k] for k in before if after[k] != before[k]}


def fuzz(
    name: str,
    strategy: st.SearchStrategy,
    *,
    send: Callable,
    watch: Iterable = (),
    allowed_writes: Callable | None = None,
    max_examples: int | None = None,
) -> None:
    """Send every example; assert no 5xx and that the watched tables' row-count
    changes are ones ``allowed_writes(response, delta)`` accepts (default: none)."""
    watch = list(watch)
    allowed = allowed_writes or (lambda response, delta: delta == {})
    conf = {"max_examples": max_examples} if max_examples else {}

    @settings(
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
        **conf,
    )
    @given(strategy)
    def run(example):
        savepoint = transaction.savepoint()
        try:
            before = row_counts(watch)
            response = send(example)
            assert response.status_code < 500, (response.status_code, example)
            delta = changed(before, row_counts(watch))
            assert allowed(response, delta), (
                f"{name}: unexpected writes {delta} with status {response.status_code}"
            )
        finally:
            transaction.savepoint_rollback(savepoint)
        EXAMPLES_RUN[name] += 1

    run()
    assert EXAMPLES_RUN[name] > 0
