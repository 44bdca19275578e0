"""Template filters that give shoppers catalogue names in their language."""

from django import template

from catalogue_ext.structure import category_label, product_class_label

register = template.Library()


@register.filter
def category_name(category) -> str:
    """``{{ category|category_name }}``: the category's label in the active language."""
    return category_label(category)


@register.filter
def product_class_name(product_class) -> str:
    """``{{ product.get_product_class|product_class_name }}``: its label in the active language."""
    return product_class_label(product_class)
