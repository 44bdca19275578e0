from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.admin import *  # noqa: F403 - keep Oscar's registrations

from .models import Certificate, Motif, ProductMaker
from .services import verify_certificate


@admin.register(Motif)
class MotifAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "hki_number", "centre")
    search_fields = ("name", "region", "hki_number")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(ProductMaker)
class ProductMakerAdmin(admin.ModelAdmin):
    list_display = ("product", "artisan", "role")
    list_select_related = ("product", "artisan")


# Changing any of these after verification withdraws the verification: the checked
# document no longer matches the record.
CERTIFICATE_FACTS = {
    "kind",
    "number",
    "artisan",
    "technique",
    "issuer",
    "issued_on",
    "expires_on",
    "evidence",
    "tkdn_percent",
    "bmp_percent",
}


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = (
        "number",
        "kind",
        "artisan",
        "technique",
        "issued_on",
        "expires_on",
        "verified_at",
    )
    list_filter = ("kind", "technique")
    list_select_related = ("artisan",)
    search_fields = ("number", "artisan__name")
    autocomplete_fields = ("products",)
    readonly_fields = ("verified_by", "verified_at")
    actions = ["verify"]

    def save_model(self, request, obj, form, change):
        if change and CERTIFICATE_FACTS & set(form.changed_data):
            obj.verified_by = None
            obj.verified_at = None
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Verify the selected certificates"))
    def verify(self, request, queryset):
        for certificate in queryset:
            try:
                verify_certificate(certificate=certificate, user=request.user)
            except PermissionDenied as error:
                messages.error(request, f"{certificate}: {error}")
            except ValidationError as error:
                messages.error(request, f"{certificate}: {' '.join(error.messages)}")
