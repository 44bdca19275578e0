"""``{{ rate|percent }}``: a stored fraction shown as a percentage (0.005 → 0.5)."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def percent(rate) -> str:
    if rate is None:
        return ""
    text = f"{Decimal(rate) * 100:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
