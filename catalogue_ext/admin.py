from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F403 - keep Oscar's registrations

from .models import Motif, ProductMaker


@admin.register(Motif)
class MotifAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "hki_number", "centre")
    search_fields = ("name", "region", "hki_number")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(ProductMaker)
class ProductMakerAdmin(admin.ModelAdmin):
    list_display = ("product", "artisan", "role")
    list_select_related = ("product", "artisan")
