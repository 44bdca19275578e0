import oscar.apps.search.apps as oscar_apps


class SearchConfig(oscar_apps.SearchConfig):
    name = "marketplace.oscar_apps.search"
