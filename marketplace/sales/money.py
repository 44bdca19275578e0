"""The one rounding rule for settlement and report amounts.

Amounts are ``Decimal`` and travel with their currency. Rupiah are whole (no coins
below Rp1); dollars have cents. Rounding is half up, applied once where an amount is
derived (a commission, a tax, a share of a refund), never to stored order prices.
"""

from decimal import ROUND_HALF_UP, Decimal

# Digits after the decimal point an amount is kept in.
CURRENCY_EXPONENTS = {"IDR": 0, "USD": 2}
ZERO = Decimal("0")


def currency_exponent(currency: str) -> int:
    try:
        return CURRENCY_EXPONENTS[currency]
    except KeyError:
        raise ValueError(f"unsupported currency {currency!r}") from None


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round ``amount`` to what ``currency`` is kept in, half up (IDR: whole rupiah)."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"money must be a Decimal, not {type(amount).__name__}")
    quantum = Decimal(1).scaleb(-currency_exponent(currency))
    return amount.quantize(quantum, rounding=ROUND_HALF_UP)
