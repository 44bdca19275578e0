"""Give every product that predates trace codes a code of its own.

Run apart from 0037 (which makes the column unique and required) so that PostgreSQL
does not alter a table with pending trigger events in the same transaction.
"""

from django.db import migrations

BATCH = 1000


def fill_trace_codes(apps, schema_editor):
    from catalogue_ext.models import new_trace_code

    Product = apps.get_model("catalogue", "Product")
    taken = set(Product.objects.exclude(trace_code=None).values_list("trace_code", flat=True))
    missing = Product.objects.filter(trace_code=None).only("pk").order_by("pk")
    batch = []
    for product in missing.iterator(chunk_size=BATCH):
        code = new_trace_code()
        while code in taken:
            code = new_trace_code()
        taken.add(code)
        product.trace_code = code
        batch.append(product)
        if len(batch) == BATCH:
            Product.objects.bulk_update(batch, ["trace_code"])
            batch = []
    Product.objects.bulk_update(batch, ["trace_code"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0035_certificate"),
    ]

    operations = [
        migrations.RunPython(fill_trace_codes, migrations.RunPython.noop, elidable=False),
    ]
