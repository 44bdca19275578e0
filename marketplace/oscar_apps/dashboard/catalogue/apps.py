"""Oscar's product dashboard, forked to be staff-only.

Oscar lets sellers (``partner.dashboard_access``) edit their products here, including
``is_public`` (bypassing listing approval) and stock levels (bypassing the stock
ledger). Artisans use ``dashboard:workshop-*`` instead; only staff with catalogue
permissions use these pages.
"""

import oscar.apps.dashboard.catalogue.apps as oscar_apps

from marketplace.oscar_apps.dashboard.staff_only import without_partner_access


class CatalogueDashboardConfig(oscar_apps.CatalogueDashboardConfig):
    name = "marketplace.oscar_apps.dashboard.catalogue"

    def configure_permissions(self):
        super().configure_permissions()
        self.permissions_map = {
            view: without_partner_access(permissions)
            for view, permissions in self.permissions_map.items()
        }
