"""Rupiah to other currencies, through the managed exchange-rate table."""

from decimal import Decimal

from django.utils import timezone

from marketplace.core.money import round_money

from .models import ExchangeRate


def current_rate(currency: str) -> ExchangeRate | None:
    """The rate in force now for ``currency`` (the latest one set), or None."""
    return (
        ExchangeRate.objects.filter(currency=currency, set_at__lte=timezone.now())
        .order_by("-set_at", "-pk")
        .first()
    )


def convert_from_idr(amount: Decimal, rate: ExchangeRate) -> Decimal:
    """``amount`` rupiah in ``rate.currency``, rounded once to what that currency charges."""
    return round_money(amount / rate.idr_per_unit, rate.currency)


def set_rate(*, currency: str, idr_per_unit: Decimal, user=None, note: str = "") -> ExchangeRate:
    """Record a new rate (the old ones stay as history)."""
    return ExchangeRate.objects.create(
        currency=currency, idr_per_unit=idr_per_unit, set_by=user, note=note
    )
