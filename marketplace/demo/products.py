"""Bulk writing of demo products, and the demo's pictures.

Products and everything hanging off them (stock record, category link, attribute
values, makers, picture) are written with ``bulk_create`` in batches, with a fixed
number of queries per batch, so 10,000 products load in seconds on SQLite.
``bulk_create`` skips ``Product.save()``, so the centre (from the artisan) and a
unique trace code are set here.
"""

import zlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils.text import slugify
from oscar.checks import use_productcategory_materialised_view
from oscar.core.loading import get_model

from catalogue_ext.facet_cache import catalogue_changed
from catalogue_ext.models import new_trace_code
from marketplace.core.choices import Dye, Technique
from marketplace.media.renditions import rebuild_renditions, renditions_exist

from . import images, plans
from .motifs import CLASSIC_MOTIF_SLUGS, MOTIFS
from .plans import ArtisanRef, MotifRef, ProductPlan

AttributeOption = get_model("catalogue", "AttributeOption")
Category = get_model("catalogue", "Category")
Motif = get_model("catalogue", "Motif")
Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
ProductMaker = get_model("catalogue", "ProductMaker")
StockRecord = get_model("partner", "StockRecord")

PRODUCT_BATCH_SIZE = 1000
# Up to this many products each gets its own picture; a larger catalogue shares a
# pool of pictures (one per pattern, dye and variant, about 40) among its products.
OWN_IMAGE_LIMIT = 100
IMAGE_POOL_VARIANTS = 2
IMAGE_CAPTION = "Ilustrasi pola batik (gambar komputer), bukan foto produk"
MOTIF_PATTERNS = {spec.slug: spec.pattern for spec in MOTIFS}

Progress = Callable[[str], None]


@dataclass(frozen=True)
class _Catalogue:
    """Ids of the fixed catalogue structure, looked up once per run."""

    class_ids: dict[str, int]
    category_ids: dict[str, int]
    # (product-class slug, attribute code) -> (attribute id, option group id or None)
    attributes: dict[tuple[str, str], tuple[int, int | None]]
    option_ids: dict[tuple[int, str], int]


def _catalogue_ids() -> _Catalogue:
    return _Catalogue(
        class_ids=dict(ProductClass.objects.values_list("slug", "id")),
        category_ids=dict(Category.objects.filter(depth=1).values_list("slug", "id")),
        attributes={
            (class_slug, code): (pk, group_id)
            for pk, class_slug, code, group_id in ProductAttribute.objects.values_list(
                "id", "product_class__slug", "code", "option_group_id"
            )
        },
        option_ids={
            (option.group_id, option.option): option.pk for option in AttributeOption.objects.all()
        },
    )


def _motif_refs() -> tuple[dict[int, list[MotifRef]], list[MotifRef]]:
    """Motifs by centre id, and the classic motifs that fictional centres use."""
    by_centre: dict[int, list[MotifRef]] = defaultdict(list)
    classic = []
    for motif in Motif.objects.filter(slug__in=MOTIF_PATTERNS).order_by("slug"):
        ref = MotifRef(id=motif.pk, name=motif.name, region=motif.region)
        if motif.centre_id:
            by_centre[motif.centre_id].append(ref)
        if motif.slug in CLASSIC_MOTIF_SLUGS:
            classic.append(ref)
    return by_centre, classic


def ensure_products(
    *, product_count: int, seed: int, artisans: Sequence[ArtisanRef], report: Progress
) -> int:
    """Create demo products 1..``product_count`` that do not exist yet; return how many."""
    existing = set(
        Product.objects.filter(code__startswith=plans.DEMO_CODE_PREFIX).values_list(
            "code", flat=True
        )
    )
    numbers = [n for n in range(1, product_count + 1) if plans.product_code(n) not in existing]
    if not numbers:
        report(f"products {product_count}/{product_count} (all there already)")
        return 0
    catalogue = _catalogue_ids()
    motifs_by_centre, classic = _motif_refs()
    trace_codes = set(Product.objects.values_list("trace_code", flat=True))
    for start in range(0, len(numbers), PRODUCT_BATCH_SIZE):
        batch = numbers[start : start + PRODUCT_BATCH_SIZE]
        product_plans = [
            plans.plan_product(
                number,
                seed=seed,
                artisans=artisans,
                motifs_by_centre=motifs_by_centre,
                classic_motifs=classic,
            )
            for number in batch
        ]
        _write_products(product_plans, catalogue, trace_codes)
        report(f"products {batch[-1]}/{product_count}")
    if use_productcategory_materialised_view():
        with connection.cursor() as cursor:
            cursor.execute("REFRESH MATERIALIZED VIEW catalogue_product_category_hierarchy;")
    return len(numbers)


def _unique_trace_code(taken: set[str]) -> str:
    code = new_trace_code()
    while code in taken:
        code = new_trace_code()
    taken.add(code)
    return code


def _write_products(
    product_plans: Sequence[ProductPlan], catalogue: _Catalogue, trace_codes: set[str]
) -> None:
    """Insert one batch: a fixed number of queries, whatever the batch size."""
    Product.objects.bulk_create(
        [
            Product(
                code=plan.code,
                structure=Product.STANDALONE,
                is_public=True,
                product_class_id=catalogue.class_ids[plan.kind],
                title=plan.title,
                slug=slugify(plan.title)[:255],
                description=plan.description,
                description_en=plan.description_en,
                artisan_id=plan.artisan.id,
                centre_id=plan.artisan.centre_id,
                technique=plan.technique,
                dye=plan.dye,
                fabric=plan.fabric,
                motif_id=plan.motif.id if plan.motif else None,
                made_on=plan.made_on,
                batikmark_number=plan.batikmark_number,
                tkdn_percent=plan.tkdn_percent,
                bmp_percent=plan.bmp_percent,
                hs_code=plan.hs_code,
                net_weight_grams=plan.net_weight_grams,
                gross_weight_grams=plan.gross_weight_grams,
                length_cm=plan.size_cm[0],
                width_cm=plan.size_cm[1],
                height_cm=plan.size_cm[2],
                trace_code=_unique_trace_code(trace_codes),
            )
            for plan in product_plans
        ]
    )
    ids = dict(
        Product.objects.filter(code__in=[plan.code for plan in product_plans]).values_list(
            "code", "id"
        )
    )
    StockRecord.objects.bulk_create(
        [
            StockRecord(
                product_id=ids[plan.code],
                partner_id=plan.artisan.partner_id,
                partner_sku=plan.code,
                price_currency="IDR",
                price=plan.price,
                num_in_stock=plan.num_in_stock,
            )
            for plan in product_plans
        ]
    )
    ProductCategory.objects.bulk_create(
        [
            ProductCategory(
                product_id=ids[plan.code], category_id=catalogue.category_ids[plan.kind]
            )
            for plan in product_plans
        ]
    )
    # Links written in bulk send no signal: cached facet counts must be counted anew.
    catalogue_changed()
    ProductAttributeValue.objects.bulk_create(_attribute_values(product_plans, ids, catalogue))
    ProductMaker.objects.bulk_create(
        [
            ProductMaker(product_id=ids[plan.code], artisan_id=artisan_id, role=role)
            for plan in product_plans
            for artisan_id, role in plan.makers
        ]
    )


def _attribute_values(
    product_plans: Sequence[ProductPlan], ids: dict[str, int], catalogue: _Catalogue
) -> list:
    """Required size options and the free-text kind attributes, as unsaved rows."""
    values = []
    for plan in product_plans:
        if plan.option_attribute:
            code, option = plan.option_attribute
            attribute_id, group_id = catalogue.attributes[(plan.kind, code)]
            values.append(
                ProductAttributeValue(
                    product_id=ids[plan.code],
                    attribute_id=attribute_id,
                    value_option_id=catalogue.option_ids[(group_id, option)],
                )
            )
        if plan.text_attribute:
            code, text = plan.text_attribute
            attribute_id, _ = catalogue.attributes[(plan.kind, code)]
            values.append(
                ProductAttributeValue(
                    product_id=ids[plan.code], attribute_id=attribute_id, value_text=text
                )
            )
    return values


# --- Pictures ----------------------------------------------------------------------------
def ensure_picture(name: str, draw: Callable[[], bytes]) -> str:
    """Store the picture ``draw`` makes under ``name`` unless it is there already.

    Returns the stored name. Demo pictures live under ``demo/`` in the default storage,
    each with the renditions the pages show.
    """
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(draw()))
    if not renditions_exist(name, default_storage):
        rebuild_renditions(name, default_storage)
    return name


def _pattern_and_dye(technique: str, dye: str, motif_slug: str | None) -> tuple[str, str]:
    if technique == Technique.ECOPRINT:
        return "ecoprint", Dye.ALAM
    return MOTIF_PATTERNS.get(motif_slug or "", "ceplok"), dye or Dye.SINTETIS


def ensure_product_images(*, product_count: int, report: Progress) -> None:
    """Give every demo product without a picture one, and redraw any missing file.

    A picture is drawn for each product, or — for large catalogues — taken from a
    shared pool (about 40 files). Pool files are shared by many rows: deleting one
    product image in the dashboard deletes the file for all of them, and the next
    run draws it again.
    """
    pooled = product_count > OWN_IMAGE_LIMIT
    demo = Product.objects.filter(code__startswith=plans.DEMO_CODE_PREFIX)
    new_images = []
    for product_id, code, technique, dye, motif_slug in (
        demo.filter(images__isnull=True)
        .order_by("code")
        .values_list("id", "code", "technique", "dye", "motif__slug")
    ):
        pattern, colours = _pattern_and_dye(technique, dye, motif_slug)
        if pooled:
            variant = int(code.removeprefix(plans.DEMO_CODE_PREFIX)) % IMAGE_POOL_VARIANTS
            name = f"demo/products/pool/{pattern}-{colours}-{variant}.jpg"
        else:
            name = f"demo/products/{code.lower()}.jpg"
        new_images.append(
            ProductImage(
                product_id=product_id, original=name, caption=IMAGE_CAPTION, display_order=0
            )
        )
    ProductImage.objects.bulk_create(new_images, batch_size=PRODUCT_BATCH_SIZE)
    drawn = rendered = 0
    for name, technique, dye, motif_slug in (
        ProductImage.objects.filter(product__in=demo, original__startswith="demo/")
        .values_list("original", "product__technique", "product__dye", "product__motif__slug")
        .distinct()
    ):
        if not default_storage.exists(name):
            pattern, colours = _pattern_and_dye(technique, dye, motif_slug)
            default_storage.save(
                name,
                ContentFile(
                    images.draw_batik(pattern=pattern, dye=colours, seed=zlib.crc32(name.encode()))
                ),
            )
            drawn += 1
        # Pages show the thumbnails and medium sizes, never the original: files saved
        # straight to storage (not through the upload field) need theirs made here.
        if not renditions_exist(name, default_storage):
            rebuild_renditions(name, default_storage)
            rendered += 1
    report(
        f"product images {len(new_images)} added, {drawn} pictures drawn, "
        f"{rendered} given their renditions"
    )


def demo_product_image_count() -> int:
    return ProductImage.objects.filter(product__code__startswith=plans.DEMO_CODE_PREFIX).count()
