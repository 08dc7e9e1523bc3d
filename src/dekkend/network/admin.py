"""Administration of the network's groups and arrangements (organisational data, no pupil data):
where a functional administrator keeps each group's matrix profile and places up to date. The
model's clean() keeps a plan for next year whole (all four funding levels or none)."""

from django.contrib import admin

from .models import ProvisionGroup


@admin.register(ProvisionGroup)
class ProvisionGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "provision", "school_year", "provision_type", "current_pupils", "free_places")
    list_filter = ("provision__swv", "school_year", "provision_type")
    search_fields = ("name", "arrangement_code", "provision__name")
    list_select_related = ("provision",)
    autocomplete_fields = ("provision",)
