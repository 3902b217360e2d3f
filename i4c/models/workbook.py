"""An uploaded I4C workbook and what became of it: the job row is the truth.

The file is kept in the private storage (`isaf.private_files`) under an
unguessable name (it holds unpublished figures) until it is imported or
refused; no address serves it, and the page that shows the job checks that the
reader uploaded it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from isaf.private_files import private_file_name, private_storage


def workbook_path(instance, filename) -> str:
    return private_file_name("i4c-workbooks", "xlsx")


class WorkbookImport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be checked")
        CHECKING = "checking", _("being checked")
        INVALID = "invalid", _("refused: nothing was imported")
        READY = "ready", _("checked: waiting for your confirmation")
        IMPORTING = "importing", _("being imported")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed: nothing was imported")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file = models.FileField(
        _("file"), upload_to=workbook_path, storage=private_storage, blank=True
    )
    filename = models.CharField(_("file name"), max_length=255)
    lang = models.CharField(_("language"), max_length=8, default="km")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    year = models.PositiveSmallIntegerField(_("fiscal year"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    changed = models.PositiveIntegerField(_("changed"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    preview = models.JSONField(_("changes"), default=list, blank=True)
    # Submit the imported drafts for review once they are imported.
    submit = models.BooleanField(_("submit for review"), default=False)
    packages = models.JSONField(_("packages"), default=list, blank=True)
    refused = models.JSONField(_("not submitted"), default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("I4C workbook import")
        verbose_name_plural = _("I4C workbook imports")

    def __str__(self):
        return f"{self.filename} · {self.get_status_display()}"

    @property
    def is_working(self) -> bool:
        return self.status in (
            self.Status.QUEUED,
            self.Status.CHECKING,
            self.Status.IMPORTING,
        )
