"""Money arithmetic: the one rounding rule for every amount the shop shows or charges,
and for settlement and report amounts (commission, tax, a share of a refund).

Amounts are ``Decimal`` and always travel with their currency. Rupiah have no coins
below Rp1, so rupiah amounts are whole; dollars have cents. Stripe counts both in
hundredths ("minor units", DOMAIN.md): Rp150.000 is sent as 15000000, after
rounding to whole rupiah.
"""

from decimal import ROUND_HALF_UP, Decimal

# Digits after the decimal point an amount is shown and charged with.
CURRENCY_EXPONENTS = {"IDR": 0, "USD": 2}
ZERO = Decimal("0")

# Stripe's zero-decimal currencies (amounts sent as-is); every other currency is
# sent in hundredths — IDR included, although rupiah have no subunit in practice.
STRIPE_ZERO_DECIMAL = frozenset(
    [
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "JPY",
        "KMF",
        "KRW",
        "MGA",
        "PYG",
        "RWF",
        "UGX",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    ]
)

# Largest amount Stripe accepts, in minor units (IDR: 12 digits; USD: 8 digits).
STRIPE_MAX_MINOR_UNITS = {"IDR": 999_999_999_999, "USD": 99_999_999}


class UnsupportedCurrency(ValueError):
    pass


def _check(amount, currency: str) -> None:
    if not isinstance(amount, Decimal):
        raise TypeError(f"money must be a Decimal, not {type(amount).__name__}")
    if currency not in CURRENCY_EXPONENTS:
        raise UnsupportedCurrency(f"unsupported currency {currency!r}")


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round ``amount`` to what ``currency`` is charged in, half up (Rp: whole rupiah)."""
    _check(amount, currency)
    quantum = Decimal(1).scaleb(-CURRENCY_EXPONENTS[currency])
    return amount.quantize(quantum, rounding=ROUND_HALF_UP)


def split_included_tax(gross: Decimal, rate: Decimal, currency: str) -> tuple[Decimal, Decimal]:
    """Split a tax-inclusive ``gross`` amount into ``(net, tax)`` at ``rate`` (0.11 = 11%).

    The tax is rounded; the net is the remainder, so ``net + tax == gross`` exactly.
    """
    gross = round_money(gross, currency)
    tax = round_money(gross * rate / (1 + rate), currency)
    return gross - tax, tax


def to_minor_units(amount: Decimal, currency: str) -> int:
    """The integer Stripe expects for ``amount`` (IDR and USD: hundredths)."""
    rounded = round_money(amount, currency)
    factor = 1 if currency in STRIPE_ZERO_DECIMAL else 100
    minor = int(rounded * factor)
    if minor < 0:
        raise ValueError("a charge cannot be negative")
    if minor > STRIPE_MAX_MINOR_UNITS[currency]:
        raise ValueError(f"{rounded} {currency} is more than Stripe accepts in one charge")
    return minor


def from_minor_units(minor: int, currency: str) -> Decimal:
    """The amount a Stripe integer stands for (inverse of :func:`to_minor_units`)."""
    if currency not in CURRENCY_EXPONENTS:
        raise UnsupportedCurrency(f"unsupported currency {currency!r}")
    factor = 1 if currency in STRIPE_ZERO_DECIMAL else 100
    return round_money(Decimal(minor) / factor, currency)
