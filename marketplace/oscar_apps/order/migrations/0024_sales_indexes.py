"""Sales reports: order lines keep their category, and a centre's lines are indexed.

- ``category_slug`` / ``category_name``: the product's kind (its product class) at
  the time of sale, so sales by category hold when a product is re-classed later.
  Lines placed before this migration are filled from their product's class now.
- ``order_line_sales_by_centre``: (centre, order) with the reported columns included,
  so a centre manager's report reads the index alone on PostgreSQL.
"""

from django.db import migrations, models


def fill_categories(apps, schema_editor):
    """One UPDATE per product class (children take their parent's class)."""
    Line = apps.get_model("order", "Line")
    ProductClass = apps.get_model("catalogue", "ProductClass")
    for product_class in ProductClass.objects.all():
        values = {"category_slug": product_class.slug, "category_name": product_class.name}
        unfilled = Line.objects.filter(category_slug="")
        unfilled.filter(product__product_class=product_class).update(**values)
        unfilled.filter(
            product__parent__isnull=False, product__parent__product_class=product_class
        ).update(**values)


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0034_product_artisan_product_batikmark_number_and_more'),
        ('order', '0023_order_language_card_payment_bank_transfer'),
    ]

    operations = [
        migrations.AddField(
            model_name='line',
            name='category_name',
            field=models.CharField(blank=True, max_length=128, verbose_name='category name'),
        ),
        migrations.AddField(
            model_name='line',
            name='category_slug',
            field=models.CharField(blank=True, max_length=128, verbose_name='category'),
        ),
        migrations.RunPython(fill_categories, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='line',
            index=models.Index(fields=['centre', 'order'], include=('quantity', 'line_price_incl_tax', 'artisan', 'artisan_name', 'centre_name', 'category_slug', 'category_name', 'technique', 'product', 'title'), name='order_line_sales_by_centre'),
        ),
    ]
