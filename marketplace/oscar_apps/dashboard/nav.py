"""Who sees which dashboard menu entry (``OSCAR_DASHBOARD_DEFAULT_ACCESS_FUNCTION``).

Oscar's rule (the permissions of the entry's view) plus our roles: the workshop
entries are for artisan logins, the listing review for centre managers.
"""

from oscar.apps.dashboard.nav import default_access_fn

from marketplace.centres import roles
from marketplace.workshop.access import is_artisan


def access_fn(user, url_name, url_args=None, url_kwargs=None) -> bool:
    if url_name and url_name.startswith("dashboard:workshop-"):
        return is_artisan(user)
    if url_name and url_name.startswith("dashboard:listing-review"):
        if not hasattr(user, "_manages_a_centre"):
            user._manages_a_centre = roles.managed_centres(user).exists()
        return user._manages_a_centre
    return default_access_fn(user, url_name, url_args, url_kwargs)
