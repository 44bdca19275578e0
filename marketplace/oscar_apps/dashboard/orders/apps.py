"""Oscar's order dashboard, forked to be staff-only.

For a seller Oscar lists every order holding one of their lines and shows it whole:
other sellers' lines, the customer's addresses and e-mail, totals and payments (Oscar
#2240, #2324). Artisans see their own lines in ``dashboard:workshop-order-*``. The
order page's view (``views.py``) reads the order's rows in bulk.
"""

import oscar.apps.dashboard.orders.apps as oscar_apps

from marketplace.oscar_apps.dashboard.staff_only import without_partner_access


class OrdersDashboardConfig(oscar_apps.OrdersDashboardConfig):
    name = "marketplace.oscar_apps.dashboard.orders"

    def configure_permissions(self):
        super().configure_permissions()
        self.permissions_map = {
            view: without_partner_access(permissions)
            for view, permissions in self.permissions_map.items()
        }
