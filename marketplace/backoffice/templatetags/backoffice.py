"""``{% if request.user|can_use_back_office %}``: show the back-office link."""

from django import template

from marketplace.centres.access import can_use_back_office as _can_use

register = template.Library()


@register.filter
def can_use_back_office(user) -> bool:
    return _can_use(user)
