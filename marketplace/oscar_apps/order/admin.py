"""Oscar's order admin, plus read-only views of card payments and bank transfers."""

from django.contrib import admin
from oscar.apps.order.admin import *  # noqa: F403 - registers Oscar's order admin

from .models import BankTransfer, CardPayment


class ReadOnlyAdmin(admin.ModelAdmin):
    """Payments change only through the checkout services, never by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CardPayment)
class CardPaymentAdmin(ReadOnlyAdmin):
    list_display = (
        "payment_intent_id",
        "status",
        "order_number",
        "order",
        "amount",
        "currency",
        "money_released_at",
        "created_at",
    )
    list_filter = ("status", "currency")
    list_select_related = ("order",)
    search_fields = ("payment_intent_id", "order_number", "guest_email")


@admin.register(BankTransfer)
class BankTransferAdmin(ReadOnlyAdmin):
    list_display = ("order", "status", "amount", "expires_at", "confirmed_by", "confirmed_at")
    list_filter = ("status",)
    list_select_related = ("order", "confirmed_by")
    search_fields = ("order__number",)
