from django.contrib import admin

from .models import Artisan, Centre


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ("name", "city", "province", "year_opened", "is_fictional")
    list_filter = ("province", "is_fictional")
    search_fields = ("name", "city")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("managers",)


@admin.register(Artisan)
class ArtisanAdmin(admin.ModelAdmin):
    list_display = ("name", "workshop_name", "centre", "is_fictional")
    list_filter = ("centre",)
    list_select_related = ("centre",)
    search_fields = ("name", "workshop_name")
    prepopulated_fields = {"slug": ("name",)}
