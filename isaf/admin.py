from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry
from .text import validate_typed_text

# The secretariat's admin says whose it is, in the language of the page.
admin.site.site_header = _("I-SAF portal")
admin.site.site_title = _("I-SAF portal")
admin.site.index_title = _("Administration")


class TypedTextAdmin:
    """Names and titles typed in the admin follow the portal's rule for typed
    text (isaf.text): no bidi control, invisible control or broken character,
    since they are shown on public pages and posters. Put it first among the
    bases (before ``TranslationAdmin``)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        typed = isinstance(db_field, models.CharField | models.TextField)
        if typed and not db_field.choices and isinstance(formfield, forms.CharField):
            formfield.validators.append(validate_typed_text)
        return formfield


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never written here: these records change only through services
    (scope, validation, audit)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
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
