import oscar.apps.dashboard.apps as oscar_apps


class DashboardConfig(oscar_apps.DashboardConfig):
    name = "marketplace.oscar_apps.dashboard"
