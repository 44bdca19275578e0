import catalogue_ext.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0036_fill_trace_codes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="product",
            name="trace_code",
            field=models.CharField(
                default=catalogue_ext.models.new_trace_code,
                editable=False,
                max_length=16,
                unique=True,
                verbose_name="trace code",
            ),
        ),
    ]
