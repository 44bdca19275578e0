"""The guard for back-office pages: signed-in centre managers and administrators only.

Anonymous visitors are sent to the login page; anyone else without a centre to
manage gets 403. What each allowed user then sees is scoped by
:func:`marketplace.centres.roles.managed_centres`.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from . import roles


def can_use_back_office(user) -> bool:
    """Whether ``user`` may open back-office pages (asked once per user object)."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_can_use_back_office"):
        user._can_use_back_office = roles.is_marketplace_admin(user) or roles.is_centre_manager(
            user
        )
    return user._can_use_back_office


class ManagerRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_use_back_office(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
