from oscar.apps.shipping.models import *  # noqa: F403 - no model changes yet
