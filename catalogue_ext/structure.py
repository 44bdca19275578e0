"""The marketplace's fixed catalogue structure: categories and product classes.

The mission's four product kinds (home decor, bags, shoes, clothing) plus the cloth
itself are Oscar categories; each kind is an Oscar product class with its own
attributes. Created idempotently after every migrate, so every install has them.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")
ProductClass = get_model("catalogue", "ProductClass")
ProductAttribute = get_model("catalogue", "ProductAttribute")
AttributeOption = get_model("catalogue", "AttributeOption")
AttributeOptionGroup = get_model("catalogue", "AttributeOptionGroup")

# (slug, category name, product-class name)
KINDS = [
    ("kain-batik", "Kain Batik", "Kain batik"),
    ("busana", "Busana", "Busana"),
    ("tas", "Tas", "Tas"),
    ("sepatu", "Sepatu", "Sepatu"),
    ("dekorasi-rumah", "Dekorasi Rumah", "Dekorasi rumah"),
]

# What shoppers read for each fixed category, in their language. Oscar's Category has
# one ``name`` (stored in Indonesian); the label follows the active language and falls
# back to the stored name for categories added later.
CATEGORY_LABELS = {
    "kain-batik": _("Batik cloth"),
    "busana": _("Clothing"),
    "tas": _("Bags"),
    "sepatu": _("Shoes"),
    "dekorasi-rumah": _("Home decor"),
}


def category_label(category) -> str:
    """The shopper-facing name of ``category`` (a Category or anything with slug/name)."""
    slug = getattr(category, "slug", None)
    if slug in CATEGORY_LABELS and getattr(category, "depth", 1) == 1:
        return str(CATEGORY_LABELS[slug])
    return getattr(category, "name", "") or ""


# The same for the fixed product classes (the product page's "Product Type", the
# workshop's choice of kind). Their stored ``name`` is Indonesian too, and the
# Indonesian translation repeats it, so only English readers see a different word.
PRODUCT_CLASS_LABELS = {
    "kain-batik": pgettext_lazy("product class", "Batik cloth"),
    "busana": pgettext_lazy("product class", "Clothing"),
    "tas": pgettext_lazy("product class", "Bags"),
    "sepatu": pgettext_lazy("product class", "Shoes"),
    "dekorasi-rumah": pgettext_lazy("product class", "Home decor"),
}


def product_class_label(product_class) -> str:
    """The reader-facing name of ``product_class`` (a ProductClass or anything with slug/name)."""
    slug = getattr(product_class, "slug", None)
    if slug in PRODUCT_CLASS_LABELS:
        return str(PRODUCT_CLASS_LABELS[slug])
    return getattr(product_class, "name", "") or ""


GARMENT_SIZES = ["XS", "S", "M", "L", "XL", "XXL", "All size"]
SHOE_SIZES = [str(size) for size in range(35, 47)]

# product-class slug -> [(attribute code, name, type, option group or None, required)]
ATTRIBUTES = {
    "busana": [
        ("garment_size", "Ukuran / Size", "option", ("Ukuran busana", GARMENT_SIZES), True),
        ("cut", "Model / Cut", "text", None, False),
    ],
    "sepatu": [
        ("shoe_size", "Ukuran sepatu (EU)", "option", ("Ukuran sepatu EU", SHOE_SIZES), True),
    ],
    "tas": [("bag_type", "Jenis tas / Bag type", "text", None, False)],
    "dekorasi-rumah": [("item_type", "Jenis / Item type", "text", None, False)],
    "kain-batik": [],
}


@transaction.atomic
def ensure_catalogue_structure() -> None:
    """Create the top-level categories, product classes and their attributes."""
    for slug, category_name, class_name in KINDS:
        if not Category.objects.filter(slug=slug, depth=1).exists():
            Category.add_root(name=category_name, slug=slug, is_public=True)
        product_class, _ = ProductClass.objects.get_or_create(
            slug=slug,
            defaults={"name": class_name, "requires_shipping": True, "track_stock": True},
        )
        for code, name, type_, options, required in ATTRIBUTES[slug]:
            group = None
            if options:
                group_name, values = options
                group, _ = AttributeOptionGroup.objects.get_or_create(name=group_name)
                for value in values:
                    AttributeOption.objects.get_or_create(group=group, option=value)
            ProductAttribute.objects.get_or_create(
                product_class=product_class,
                code=code,
                defaults={
                    "name": name,
                    "type": type_,
                    "option_group": group,
                    "required": required,
                },
            )
