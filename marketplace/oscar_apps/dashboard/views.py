"""The dashboard's start page, by role."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from oscar.apps.dashboard.views import IndexView as OscarIndexView

from marketplace.workshop.access import is_artisan


class IndexView(OscarIndexView):
    """Staff get Oscar's overview; artisans their workshop; nobody else a thing.

    Oscar's overview for a non-staff seller sums the totals of every order holding
    one of their lines, other sellers' pieces included: never shown to artisans.
    """

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_staff:
            if is_artisan(request.user):
                return redirect("dashboard:workshop-index")
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
