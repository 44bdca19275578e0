"""Staff edits of stock levels in Oscar's product dashboard go through the stock ledger."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F403 - Oscar's other forms
from oscar.apps.dashboard.catalogue.forms import StockRecordForm as OscarStockRecordForm

from marketplace.stock.models import StockChangeReason, StockChangeSource
from marketplace.stock.services import change_stock


class StockRecordForm(OscarStockRecordForm):
    """Oscar's stock record form; a changed ``num_in_stock`` becomes a ledger correction."""

    def clean_num_in_stock(self):
        level = self.cleaned_data.get("num_in_stock")
        allocated = (self.instance.num_allocated or 0) if self.instance.pk else 0
        if level is not None and level < allocated:
            raise forms.ValidationError(
                _("Stock cannot go below the %(allocated)d allocated to orders.")
                % {"allocated": allocated}
            )
        return level

    def save(self, commit=True):
        if "num_in_stock" not in self.fields:
            return super().save(commit)
        wanted = self.cleaned_data.get("num_in_stock")
        before = self.initial.get("num_in_stock") if self.instance.pk else None
        # Everything else is saved as Oscar does; the level only through the ledger.
        self.instance.num_in_stock = before if self.instance.pk else 0
        record = super().save(commit)
        if commit and wanted is not None and wanted != (before or 0):
            change_stock(
                stockrecord_id=record.pk,
                actor=self.user,
                reason=StockChangeReason.CORRECTION,
                set_to=wanted,
                source=StockChangeSource.DASHBOARD,
                note="Oscar product dashboard",
            )
            record.refresh_from_db(fields=["num_in_stock", "num_allocated"])
        return record
