"""``as_stars`` that fails quietly on any input, as Oscar's promises and does not.

Oscar's filter rounds whatever it gets; its review form re-renders the submitted score
through it, so a score such as " " made the page answer 500 (found by tests/fuzz).
Used by our copy of the review form's score block (templates/oscar/catalogue/reviews/).
"""

from django import template
from oscar.templatetags.reviews_tags import as_stars as oscar_as_stars

register = template.Library()


@register.filter
def safe_as_stars(value):
    try:
        return oscar_as_stars(float(value or 0))
    except (TypeError, ValueError, OverflowError):
        return ""
