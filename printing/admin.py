from django.contrib import admin

from .models import PrintBatch, PrintJob


class PrintJobInline(admin.TabularInline):
    model = PrintJob
    extra = 0
    can_delete = False
    fields = ("target", "status", "attempts", "error", "file")
    readonly_fields = fields
    show_change_link = True


@admin.register(PrintBatch)
class PrintBatchAdmin(admin.ModelAdmin):
    list_display = ("pk", "document", "scope", "code", "lang", "total", "created_at")
    list_filter = ("document", "scope", "lang")
    search_fields = ("code",)
    readonly_fields = [f.name for f in PrintBatch._meta.fields]
    inlines = [PrintJobInline]


@admin.register(PrintJob)
class PrintJobAdmin(admin.ModelAdmin):
    list_display = (
        "pk",
        "document",
        "target",
        "lang",
        "status",
        "attempts",
        "created_at",
        "finished_at",
    )
    list_filter = ("status", "document", "lang")
    search_fields = ("target", "content_hash", "error")
    # The row is the truth about a job: the admin reads it, services write it.
    readonly_fields = [f.name for f in PrintJob._meta.fields]

    def has_add_permission(self, request):
        return False
