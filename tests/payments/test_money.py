"""The one rounding rule and Stripe's minor units (DOMAIN.md: IDR × 100)."""

from decimal import Decimal

import pytest

from marketplace.core.money import (
    from_minor_units,
    round_money,
    split_included_tax,
    to_minor_units,
)


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [
        ("150000", "IDR", 15_000_000),  # DOMAIN.md's example
        ("150000.00", "IDR", 15_000_000),
        ("150000.49", "IDR", 15_000_000),  # whole rupiah first, then × 100
        ("150000.50", "IDR", 15_000_100),  # half up
        ("1", "IDR", 100),
        ("9999999999.49", "IDR", 999_999_999_900),  # 12 digits: the most Stripe takes
        ("12.34", "USD", 1234),
        ("12.345", "USD", 1235),
        ("12.344", "USD", 1234),
        ("0.01", "USD", 1),
        ("999999.99", "USD", 99_999_999),
    ],
)
def test_amounts_become_stripe_minor_units(amount, currency, minor):
    assert to_minor_units(Decimal(amount), currency) == minor


@pytest.mark.parametrize(
    ("minor", "currency", "amount"),
    [(15_000_000, "IDR", Decimal("150000")), (1235, "USD", Decimal("12.35"))],
)
def test_minor_units_become_amounts(minor, currency, amount):
    assert from_minor_units(minor, currency) == amount


@pytest.mark.parametrize(
    ("amount", "currency"),
    [("10000000000", "IDR"), ("1000000.00", "USD"), ("-1", "IDR")],
)
def test_amounts_stripe_cannot_take_are_refused(amount, currency):
    with pytest.raises(ValueError):
        to_minor_units(Decimal(amount), currency)


def test_floats_are_refused():
    with pytest.raises(TypeError):
        to_minor_units(150000.0, "IDR")


def test_unknown_currencies_are_refused():
    with pytest.raises(ValueError, match="EUR"):
        round_money(Decimal("1"), "EUR")


@pytest.mark.parametrize(
    ("gross", "net", "tax"),
    [
        ("250000", "225225", "24775"),  # 250000 × 11/111 = 24774.77 → 24775
        ("111000", "100000", "11000"),
        ("20000", "18018", "1982"),
        ("1", "1", "0"),
    ],
)
def test_ppn_inside_a_rupiah_price_is_whole_rupiah_and_adds_up(gross, net, tax):
    assert split_included_tax(Decimal(gross), Decimal("0.11"), "IDR") == (
        Decimal(net),
        Decimal(tax),
    )
