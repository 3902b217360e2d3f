from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from isaf.admin import TypedTextAdmin

from .models import Document


@admin.register(Document)
class DocumentAdmin(TypedTextAdmin, TranslationAdmin):
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
