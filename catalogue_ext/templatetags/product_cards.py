"""``{% product_card_key product as key %}`` for the cached product card."""

from django import template
from django.utils.translation import get_language

from catalogue_ext.cards import card_key

register = template.Library()


@register.simple_tag(takes_context=True)
def product_card_key(context, product) -> str:
    return card_key(product, context["request"].strategy, get_language() or "")
