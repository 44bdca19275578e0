"""Which centres' figures a signed-in user may see, resolved once per request.

Every report and ledger read takes a :class:`Scope` and filters through the centre
*snapshot* of an order line (``Line.centre``) or of a ledger entry — never through a
product's live centre — so a manager of centre A sees nothing of centre B.
"""

from dataclasses import dataclass

from django.http import Http404

from marketplace.centres import roles
from marketplace.centres.models import Centre


@dataclass(frozen=True)
class Scope:
    centres: tuple[Centre, ...]
    is_admin: bool
    # Narrowed to one centre by the user (a filter, never a widening).
    selected: Centre | None = None

    @property
    def centre_ids(self) -> list[int] | None:
        """The centre ids to filter on, or ``None`` for "every centre" (admin, no filter)."""
        if self.selected is not None:
            return [self.selected.pk]
        if self.is_admin:
            return None
        return [centre.pk for centre in self.centres]

    @property
    def is_empty(self) -> bool:
        return not self.is_admin and not self.centres

    def allows(self, centre_id: int) -> bool:
        ids = self.centre_ids
        return ids is None or centre_id in ids

    def narrowed_to(self, centre_id) -> "Scope":
        """This scope limited to one of its centres; any other centre is a 404."""
        for centre in self.centres:
            if str(centre.pk) == str(centre_id):
                return Scope(self.centres, self.is_admin, centre)
        raise Http404("no such centre among yours")


def scope_for(user) -> Scope:
    """One query: the centres ``user`` manages (every centre for an administrator)."""
    return Scope(
        centres=tuple(roles.managed_centres(user).order_by("name")),
        is_admin=roles.is_marketplace_admin(user),
    )


def filter_by_centre(queryset, scope: Scope, field: str = "centre_id"):
    ids = scope.centre_ids
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})
