from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import AuditEntry, Document


@admin.register(Document)
class DocumentAdmin(TranslationAdmin):
    list_display = ("title", "category", "year", "language", "is_online", "position")
    list_filter = ("category", "language", "year")
    list_editable = ("position",)
    search_fields = ("title_km", "title_en", "slug")
    ordering = ("category", "position")
    # People paste links without a scheme; the programme's sites all serve https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("title", "slug", "category", "language")}),
        (_("Date"), {"fields": ("year", "date")}),
        (_("Where to read it"), {"fields": ("file", "url")}),
        (_("Order"), {"fields": ("position",)}),
    )

    @admin.display(boolean=True, description=_("online"))
    def is_online(self, obj: Document) -> bool:
        return bool(obj.file or obj.url)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The trail is read here and never written: entries come only from services."""

    list_display = ("created_at", "user", "action", "content_type", "object_repr")
    list_filter = ("action", "content_type", ("user", admin.RelatedOnlyFieldListFilter))
    search_fields = ("object_repr", "object_id", "reason", "user__username", "action")
    date_hierarchy = "created_at"
    list_select_related = ("user", "content_type")
    readonly_fields = (
        "created_at",
        "user",
        "action",
        "content_type",
        "object_id",
        "object_repr",
        "changes",
        "reason",
    )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
