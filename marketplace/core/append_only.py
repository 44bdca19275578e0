"""Append-only models: rows are written once and never changed or removed.

History tables (the settlement ledger, the stock ledger, listing review events, the
audit trail) inherit :class:`AppendOnlyModel`. Through the ORM, saving an existing
row, deleting a row and ``QuerySet.update`` / ``delete`` / ``bulk_update`` /
``update_or_create`` all raise :class:`AppendOnlyError`; a mistake is put right by a
new row. Some tables add a database trigger on top (see their migrations), so not
even raw SQL rewrites them.

Django's deletion collector goes through ``_base_manager`` (a plain manager), so a
``SET_NULL`` or ``CASCADE`` from a row these tables point at still works.
"""

from django.db import models


class AppendOnlyError(Exception):
    """Code tried to change or remove a row of an append-only table."""


def _refuse(model, what: str) -> AppendOnlyError:
    return AppendOnlyError(f"{model._meta.label} is append-only: rows cannot be {what}.")


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses every bulk change; reading, ``create`` and ``bulk_create`` work as usual."""

    def update(self, **kwargs):
        raise _refuse(self.model, "updated")

    def delete(self):
        raise _refuse(self.model, "deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise _refuse(self.model, "updated")

    def update_or_create(self, *args, **kwargs):
        raise _refuse(self.model, "updated")


class AppendOnlyModel(models.Model):
    """Abstract base of an append-only table (adds no fields, so no migration)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise _refuse(type(self), "updated")
        # A new instance given an existing row's pk must not turn into an UPDATE.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise _refuse(type(self), "deleted")
