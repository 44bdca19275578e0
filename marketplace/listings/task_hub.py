"""The listings app's section of the manager task hub: products awaiting approval."""

from django.utils.translation import gettext_lazy as _

from marketplace.core.manager_tasks import TaskSection, listed

from .selectors import pending_listings_in


class ApprovalTasks:
    """Products (new, or with a provenance change) waiting for their centre's manager."""

    key = "approvals"
    title = _("Approve products")
    order = 10
    template_name = "listings/tasks/approvals.html"

    def section(self, *, user, centres, is_admin) -> TaskSection:
        waiting = pending_listings_in(centres, is_admin=is_admin)
        return listed(waiting, "listings")
