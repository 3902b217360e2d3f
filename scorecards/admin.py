"""Admin for the secretariat: the indicator library is edited here; scorecards,
meetings and the JAAP are shown read-only, because their writes go through the
services (scope checks, versions, audit).

Should an edit or delete be made here all the same, it tells the figures
registry which communes changed, as the services do
(`communes.freshness.figures_changed`, run once the transaction commits).
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from communes.freshness import figures_changed
from isaf.admin import TypedTextAdmin

from .models import (
    InterfaceMeeting,
    JaapAction,
    JaapFollowUp,
    LibraryIndicator,
    Scorecard,
    ScorecardReturn,
    ScorecardVersion,
)
from .selectors import clip_url_for


@admin.register(LibraryIndicator)
class LibraryIndicatorAdmin(TypedTextAdmin, TranslationAdmin):
    list_display = ("name", "provider_kind", "code", "position", "is_active")
    list_filter = ("provider_kind", "is_active")
    search_fields = ("code", "name_km", "name_en")
    ordering = ("provider_kind", "position")
    readonly_fields = ("voice_clip",)

    @admin.display(description=_("Voice clips"))
    def voice_clip(self, obj):
        """The clip is recorded on the voice page, where the recorder is."""
        page = reverse("scorecards:voice-library") + f"#library-{obj.pk}"
        url = clip_url_for(obj) if obj.pk else ""
        player = (
            format_html('<audio controls preload="none" src="{}"></audio> ', url)
            if url
            else ""
        )
        return format_html(
            '{}<a href="{}">{}</a>', player, page, _("Record or choose a file")
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only; a write that happens anyway refreshes the figures it feeds."""

    def figures_of(self, obj) -> dict[str, list]:
        """The communes or providers whose figures `obj` counts in."""
        return {}

    def _figures_changed(self, objects) -> None:
        communes, providers = set(), set()
        for obj in objects:
            touched = self.figures_of(obj)
            communes.update(touched.get("communes", ()))
            providers.update(touched.get("providers", ()))
        if communes or providers:
            figures_changed(communes=communes, providers=providers)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._figures_changed([obj])

    def delete_model(self, request, obj):
        self._figures_changed([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._figures_changed(list(queryset))
        super().delete_queryset(request, queryset)

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

    def figures_of(self, obj):
        return {"providers": [obj.provider_id]}


@admin.register(ScorecardVersion)
class ScorecardVersionAdmin(ReadOnlyAdmin):
    list_display = ("scorecard", "number", "published_at", "published_by")
    list_select_related = ("scorecard__provider", "scorecard__cycle", "published_by")


@admin.register(ScorecardReturn)
class ScorecardReturnAdmin(ReadOnlyAdmin):
    list_display = ("scorecard", "returned_at", "returned_by")
    list_select_related = ("scorecard__provider", "scorecard__cycle", "returned_by")


@admin.register(InterfaceMeeting)
class InterfaceMeetingAdmin(ReadOnlyAdmin):
    list_display = ("commune", "cycle", "held_on")
    list_filter = ("cycle",)
    list_select_related = ("commune", "cycle")

    def figures_of(self, obj):
        return {"communes": [obj.commune_id]}


@admin.register(JaapAction)
class JaapActionAdmin(ReadOnlyAdmin):
    list_display = ("action", "provider", "due_on", "status")
    list_filter = ("status",)
    list_select_related = ("provider",)

    def figures_of(self, obj):
        return {"communes": [obj.meeting.commune_id]}


@admin.register(JaapFollowUp)
class JaapFollowUpAdmin(ReadOnlyAdmin):
    list_display = ("action", "checked_on", "status", "recorded_by")
    list_select_related = ("action", "recorded_by")
    # Evidence is private: it has no address of its own, only the view that
    # checks who asks (the secretariat may).
    exclude = ("evidence",)
    readonly_fields = ("evidence_file",)

    @admin.display(description=_("evidence"))
    def evidence_file(self, obj):
        if not obj.evidence:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("scorecards:evidence", args=[obj.pk]),
            obj.evidence_name or obj.evidence_type,
        )

    def figures_of(self, obj):
        return {"communes": [obj.action.meeting.commune_id]}
