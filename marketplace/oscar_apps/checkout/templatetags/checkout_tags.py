from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def bank_transfer_account() -> str:
    """The account buyers transfer to (setting BANK_TRANSFER_ACCOUNT)."""
    return settings.BANK_TRANSFER_ACCOUNT
