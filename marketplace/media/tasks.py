"""Media tasks: making an image's renditions after its original is stored."""

import logging

from celery import shared_task
from django.apps import apps
from django.core.exceptions import ValidationError

from .renditions import clear_pending, rebuild_renditions

logger = logging.getLogger(__name__)

RETRY_BACKOFF_SECONDS = 30
MAX_RETRIES = 5


@shared_task(bind=True, max_retries=MAX_RETRIES)
def make_renditions(self, model_label: str, field_name: str, original_name: str) -> list[str]:
    """Make and store the renditions of ``original_name``, kept in that model field.

    Safe to run twice (the names are fixed; a second run rewrites the same files).
    While storage fails the task retries with growing pauses; run eagerly it raises.
    An original deleted meanwhile, or one that no longer reads as an image, is logged
    and skipped: templates keep showing the original until ``build_renditions`` runs.
    """
    storage = apps.get_model(model_label)._meta.get_field(field_name).storage
    try:
        written = rebuild_renditions(original_name, storage)
    except (FileNotFoundError, ValidationError) as exc:
        logger.warning("No renditions for %s: %s", original_name, exc)
        return []
    except OSError as exc:
        if self.request.is_eager:
            raise
        raise self.retry(
            exc=exc, countdown=RETRY_BACKOFF_SECONDS * 2**self.request.retries
        ) from exc
    clear_pending(original_name)
    return written
