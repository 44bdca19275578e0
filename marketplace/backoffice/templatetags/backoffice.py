"""Role filters for the layout: ``request.user|can_use_back_office``, ``user|manages_centres``.

Both are memoised on the user object, so a page asks the database once however many
links depend on them."""

from django import template

from marketplace.centres import roles
from marketplace.centres.access import can_use_back_office as _can_use

register = template.Library()


@register.filter
def can_use_back_office(user) -> bool:
    return _can_use(user)


@register.filter
def manages_centres(user) -> bool:
    return roles.is_centre_manager(user)
