"""The secretariat's admin for I4C: national standards are edited here; packages
and their published versions are shown read-only, because every change to them
goes through the services (scope, validation, audit)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from isaf.admin import ReadOnlyAdmin, TypedTextAdmin

from .models import DisseminationEvent, NationalStandard, Package, PublishedVersion


@admin.register(NationalStandard)
class NationalStandardAdmin(TypedTextAdmin, TranslationAdmin):
    list_display = ("code", "name", "provider_kind", "comparison", "value", "is_active")
    list_filter = ("provider_kind", "is_active")
    list_editable = ("value", "is_active")
    search_fields = ("code", "name_km", "name_en")


class PublishedVersionInline(admin.TabularInline):
    model = PublishedVersion
    fields = ("number", "published_at", "published_by", "reason")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Package)
class PackageAdmin(ReadOnlyAdmin):
    list_display = ("provider", "year", "status", "version", "updated_at")
    list_filter = ("status", "year", "provider__kind")
    search_fields = ("provider__code", "provider__name_km", "provider__name_en")
    list_select_related = ("provider",)
    raw_id_fields = ("provider",)
    inlines = [PublishedVersionInline]


@admin.register(PublishedVersion)
class PublishedVersionAdmin(ReadOnlyAdmin):
    list_display = ("package", "number", "published_at", "published_by")
    list_select_related = ("package__provider", "published_by")
    search_fields = ("package__provider__code",)


@admin.register(DisseminationEvent)
class DisseminationEventAdmin(ReadOnlyAdmin):
    list_display = (
        "package",
        "village",
        "held_on",
        "attendance_female",
        "attendance_male",
    )
    list_select_related = ("package__provider", "village")
    date_hierarchy = "held_on"
