"""The batik-centre marketplace: the Django project and our own domain apps.

Ground floor (who): ``core`` (vocabulary, money helpers), ``centres`` (centres and
artisans). Middle floor (what): the catalogue fork in ``catalogue_ext``. Top floor
(what happens to it): ``storefront``, ``demo`` and the Oscar forks in ``oscar_apps``.
Imports point down, never up or sideways into another app's internals.
"""

# The Celery app is created with Django's settings, so that ``@shared_task`` binds to it.
from .celery import app as celery_app  # noqa: E402

__all__ = ("celery_app",)
