"""The guard for back-office pages: signed-in centre managers and administrators only.

Anonymous visitors are sent to the login page; anyone else without a centre to
manage gets 403. What each allowed user then sees is scoped by
:func:`marketplace.centres.roles.managed_centres`.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from . import roles


def can_use_back_office(user) -> bool:
    """Whether ``user`` may open back-office pages (both answers are memoised per
    request: permissions by Django, centres by ``roles.is_centre_manager``)."""
    return roles.is_marketplace_admin(user) or roles.is_centre_manager(user)


class ManagerRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_use_back_office(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
