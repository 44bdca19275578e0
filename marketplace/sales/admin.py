"""Admin: commission rates and PPh 22 statuses are edited here; the ledger is read-only."""

from django.contrib import admin

from .models import ArtisanTaxProfile, CommissionRate, LedgerEntry


class RecordsEditorMixin:
    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(CommissionRate)
class CommissionRateAdmin(RecordsEditorMixin, admin.ModelAdmin):
    list_display = ["centre", "rate", "updated_at", "updated_by"]
    list_select_related = ["centre", "updated_by"]
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(ArtisanTaxProfile)
class ArtisanTaxProfileAdmin(RecordsEditorMixin, admin.ModelAdmin):
    list_display = ["artisan", "pph22_status", "reference", "updated_at", "updated_by"]
    list_filter = ["pph22_status"]
    list_select_related = ["artisan", "updated_by"]
    search_fields = ["artisan__name", "reference"]
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    """Entries are written by the settlement services only, and never changed."""

    list_display = [
        "effective_date",
        "artisan",
        "centre",
        "kind",
        "amount",
        "currency",
        "order_number",
        "reference",
        "created_by",
    ]
    list_filter = ["kind", "currency", "centre"]
    list_select_related = ["artisan", "centre", "created_by"]
    search_fields = ["artisan__name", "order_number", "reference"]
    date_hierarchy = "effective_date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
