"""Make the renditions of stored images that lack them (``--force``: remake all).

Images uploaded through the app get their renditions at once; this is for files that
arrived another way (copied into storage, loaded from a dump) or after a rendition
geometry changed. Safe to run again: it skips images whose renditions all exist.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from marketplace.media.fields import SanitisedImageField
from marketplace.media.renditions import rebuild_renditions, renditions_exist


def image_fields():
    for model in apps.get_models():
        for field in model._meta.fields:
            if isinstance(field, SanitisedImageField):
                yield model, field


class Command(BaseCommand):
    help = "Make missing renditions of stored images; --force remakes every one."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="remake existing renditions")

    def handle(self, *args, force=False, **options):
        made = skipped = refused = 0
        for model, field in image_fields():
            names = (
                model._default_manager.exclude(**{field.name: ""})
                .values_list(field.name, flat=True)
                .order_by(field.name)
                .distinct()
            )
            for name in names.iterator():
                if not force and renditions_exist(name, field.storage):
                    skipped += 1
                    continue
                try:
                    rebuild_renditions(name, field.storage)
                except (ValidationError, FileNotFoundError, OSError) as exc:
                    refused += 1
                    self.stderr.write(f"{model._meta.label}.{field.name} {name}: {exc}")
                    continue
                made += 1
        self.stdout.write(
            f"renditions made for {made} images, {skipped} already had them, {refused} failed"
        )
