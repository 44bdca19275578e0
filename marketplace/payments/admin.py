"""Exchange rates are managed here: add a new rate; old ones stay as the history."""

from django.contrib import admin

from .models import ExchangeRate, WebhookEvent


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ("currency", "idr_per_unit", "set_at", "set_by", "note")
    list_filter = ("currency",)
    list_select_related = ("set_by",)
    fields = ("currency", "idr_per_unit", "note", "set_at", "set_by")
    readonly_fields = ("set_at", "set_by")

    def save_model(self, request, obj, form, change):
        obj.set_by = request.user
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        # A rate that priced orders must not change under them: add a new one instead.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WebhookEvent)
class WebhookEventAdmin(admin.ModelAdmin):
    list_display = ("event_id", "type", "received_at", "processed_at", "deliveries")
    list_filter = ("type",)
    search_fields = ("event_id",)
    readonly_fields = (
        "event_id",
        "type",
        "payload",
        "received_at",
        "processed_at",
        "deliveries",
        "last_error",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
