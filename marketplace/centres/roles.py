"""Who a signed-in user is in the marketplace: admin, centre manager, artisan.

The single place that answers role questions, so every view and service scopes data
the same way. Roles:

- *marketplace administrator*: a superuser, or staff with the ``centres.view_centre``
  permission; sees every centre.
- *centre manager*: a user in ``Centre.managers`` of one or more centres; sees those
  centres only.
- *artisan*: a user in the ``users`` of an artisan's Oscar partner; sees their own
  products, stock and order lines only.
"""

from django.db.models import QuerySet

from .models import Artisan, Centre


def is_marketplace_admin(user) -> bool:
    return bool(
        user.is_authenticated
        and (user.is_superuser or (user.is_staff and user.has_perm("centres.view_centre")))
    )


def managed_centres(user) -> QuerySet:
    """Centres whose data ``user`` may see as a manager (all of them for an admin)."""
    if not user.is_authenticated:
        return Centre.objects.none()
    if is_marketplace_admin(user):
        return Centre.objects.all()
    return Centre.objects.filter(managers=user)


def is_centre_manager(user) -> bool:
    """Whether ``user`` manages any centre (asked once per user object, i.e. per request:
    the layout, the second-factor middleware and the views all ask)."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_is_centre_manager"):
        user._is_centre_manager = user.managed_centres.exists()
    return user._is_centre_manager


def artisans_of_user(user) -> QuerySet:
    """The artisans ``user`` logs in as (usually one), through their Oscar partner."""
    if not user.is_authenticated:
        return Artisan.objects.none()
    return Artisan.objects.filter(partner__users=user).select_related("centre", "partner")
