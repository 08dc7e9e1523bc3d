"""Administration of the organisational data (public data; no pupil data is editable here)."""

from django.contrib import admin

from .models import Area, Board, Provision, School, SchoolLocation, Swv


@admin.register(Swv)
class SwvAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "sector", "municipality")


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ("name", "is_synthetic")
    search_fields = ("name",)


class SchoolLocationInline(admin.TabularInline):
    model = SchoolLocation
    extra = 0
    autocomplete_fields = ("area",)


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ("name", "brin", "school_type", "board", "swv")
    list_filter = ("swv", "school_type")
    search_fields = ("name", "brin")
    list_select_related = ("board", "swv")
    inlines = [SchoolLocationInline]


@admin.register(Provision)
class ProvisionAdmin(admin.ModelAdmin):
    list_display = ("name", "number", "kind", "swv", "area", "places")
    list_filter = ("swv", "kind")
    search_fields = ("name", "target_group")
    list_select_related = ("swv", "area")
    autocomplete_fields = ("area", "host")
