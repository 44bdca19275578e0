"""Oscar's dashboard, forked so artisans and centre managers get scoped pages.

Adds two sub-apps of ours under the dashboard's URLs and namespace: the artisan's
``workshop/`` (``marketplace.workshop``) and the centre manager's ``listings/`` review
(``marketplace.listings``). Oscar's product and order dashboards are forked to make
them staff-only (``catalogue/``, ``orders/`` here): for a seller they would show other
sellers' lines, the customer's details and order totals (Oscar #2240, #2324). The
order page's view is also ours, to read the order's rows in bulk (``orders/views.py``).
"""

import oscar.apps.dashboard.apps as oscar_apps
from django.apps import apps
from django.urls import include, path


class DashboardConfig(oscar_apps.DashboardConfig):
    name = "marketplace.oscar_apps.dashboard"

    def ready(self):
        super().ready()
        self.workshop_app = apps.get_app_config("workshop")
        self.listings_app = apps.get_app_config("listings")

    def get_urls(self):
        urls = super().get_urls()
        urls += self.post_process_urls(
            [
                path("workshop/", include(self.workshop_app.urls[0])),
                path("listings/", include(self.listings_app.urls[0])),
            ]
        )
        return urls
