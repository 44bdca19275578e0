from oscar.apps.partner.models import *  # noqa: F403 - no model changes yet
