from django.contrib import admin

from .models import StockLedgerEntry


@admin.register(StockLedgerEntry)
class StockLedgerEntryAdmin(admin.ModelAdmin):
    """Read-only: the ledger is history."""

    list_display = ("created_at", "stockrecord", "change", "reason", "num_in_stock_after", "actor")
    list_filter = ("reason", "source")
    list_select_related = ("stockrecord__product", "stockrecord__partner", "actor")
    search_fields = ("stockrecord__partner_sku", "stockrecord__product__title")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
