import oscar.apps.catalogue.apps as oscar_apps
from django.db.models.signals import post_migrate


def _ensure_structure(sender, **kwargs):
    from .structure import ensure_catalogue_structure

    ensure_catalogue_structure()


class CatalogueConfig(oscar_apps.CatalogueConfig):
    name = "catalogue_ext"
    label = "catalogue"

    def ready(self):
        super().ready()
        # After every migrate (and test-database flush) the fixed categories and
        # product classes exist; the function is idempotent.
        post_migrate.connect(_ensure_structure, sender=self, dispatch_uid="catalogue-structure")
        from marketplace.core import manager_tasks

        from .facet_cache import connect_signals

        connect_signals()

        from .task_hub import CertificateTasks

        manager_tasks.register(CertificateTasks())
