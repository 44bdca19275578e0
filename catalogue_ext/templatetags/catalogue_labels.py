"""Template filters that give shoppers catalogue names in their language."""

from django import template

from catalogue_ext.structure import category_label

register = template.Library()


@register.filter
def category_name(category) -> str:
    """``{{ category|category_name }}``: the category's label in the active language."""
    return category_label(category)
