"""Admin for the secretariat: the indicator library is edited here; scorecards,
meetings and the JAAP are shown read-only, because their writes go through the
services (scope checks, versions, audit)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import (
    InterfaceMeeting,
    JaapAction,
    JaapFollowUp,
    LibraryIndicator,
    Scorecard,
    ScorecardVersion,
)


@admin.register(LibraryIndicator)
class LibraryIndicatorAdmin(TranslationAdmin):
    list_display = ("name", "provider_kind", "code", "position", "is_active")
    list_filter = ("provider_kind", "is_active")
    search_fields = ("code", "name_km", "name_en")
    ordering = ("provider_kind", "position")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Scorecard)
class ScorecardAdmin(ReadOnlyAdmin):
    list_display = ("provider", "cycle", "kind", "group", "held_on", "status")
    list_filter = ("status", "kind", "group", "cycle")
    search_fields = ("provider__code", "provider__name_km", "provider__name_en")
    list_select_related = ("provider", "cycle")


@admin.register(ScorecardVersion)
class ScorecardVersionAdmin(ReadOnlyAdmin):
    list_display = ("scorecard", "number", "published_at", "published_by")
    list_select_related = ("scorecard__provider", "scorecard__cycle", "published_by")


@admin.register(InterfaceMeeting)
class InterfaceMeetingAdmin(ReadOnlyAdmin):
    list_display = ("commune", "cycle", "held_on")
    list_filter = ("cycle",)
    list_select_related = ("commune", "cycle")


@admin.register(JaapAction)
class JaapActionAdmin(ReadOnlyAdmin):
    list_display = ("action", "provider", "due_on", "status")
    list_filter = ("status",)
    list_select_related = ("provider",)


@admin.register(JaapFollowUp)
class JaapFollowUpAdmin(ReadOnlyAdmin):
    list_display = ("action", "checked_on", "status", "recorded_by")
    list_select_related = ("action", "recorded_by")
