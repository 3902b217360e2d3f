"""Print jobs: the database row is the truth about every poster and booklet.

A `PrintJob` renders one document (a registry key, see `printing.registry`) for one
target (a package id, a commune code...) in one language. A `PrintBatch` groups the
jobs that the secretariat launches for a commune, a district or a province; its
progress is counted from its jobs, so there is one truth, not two.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from isaf.records import person_field

from . import registry


def _document_label(key: str):
    try:
        return registry.document_get(key).label
    except registry.UnknownDocument:
        return key


class Requested(models.Model):
    """What a batch and a job share: which document, in which language, asked
    for by whom and when."""

    document = models.CharField(_("document"), max_length=60)
    lang = models.CharField(_("language"), max_length=8)
    requested_by = person_field(_("requested by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    @property
    def document_label(self):
        return _document_label(self.document)


class PrintBatch(Requested):
    class Scope(models.TextChoices):
        COMMUNE = "commune", _("commune")
        DISTRICT = "district", _("district")
        PROVINCE = "province", _("province")

    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    code = models.CharField(_("code"), max_length=8)
    total = models.PositiveIntegerField(_("documents"), default=0)

    class Meta(Requested.Meta):
        verbose_name = _("print batch")
        verbose_name_plural = _("print batches")

    def __str__(self):
        return f"{self.document} · {self.scope} {self.code} · {self.lang}"


class PrintJob(Requested):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    FINISHED = (Status.DONE, Status.FAILED)

    # The template the document was rendered with, recorded when it runs.
    template = models.CharField(_("template"), max_length=200, blank=True)
    target = models.CharField(_("target"), max_length=40)
    batch = models.ForeignKey(
        PrintBatch,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("batch"),
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=Status.choices,
        default=Status.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    file = models.CharField(_("file"), max_length=300, blank=True)
    filename = models.CharField(_("download name"), max_length=200, blank=True)
    reused = models.BooleanField(_("reused an existing file"), default=False)
    # When the broker last accepted a message for this job; empty while the
    # broker was unreachable, which is how the sweep finds jobs never sent.
    enqueued_at = models.DateTimeField(
        _("sent to the workers at"), null=True, blank=True
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    worker = models.CharField(_("worker"), max_length=200, blank=True)

    class Meta(Requested.Meta):
        verbose_name = _("print job")
        verbose_name_plural = _("print jobs")
        indexes = [
            models.Index(
                fields=["document", "target", "lang"], name="printing_job_what"
            )
        ]

    def __str__(self):
        return f"{self.document} · {self.target} · {self.lang}"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def progress(self) -> tuple[int, int]:
        return (1 if self.status == self.Status.DONE else 0), 1


class PublicFile(models.Model):
    """A published document as anyone may download it: one row per document,
    place or provider code, fiscal year, language and published version.

    The row points at a file written whole in storage; its `etag` is the hash of
    what the PDF shows, so a later correction (a new version) has a new row and
    new bytes, and a citizen's browser revalidates with it.
    """

    document = models.CharField(_("document"), max_length=60)
    code = models.CharField(_("code"), max_length=40)
    year = models.PositiveSmallIntegerField(_("fiscal year"))
    lang = models.CharField(_("language"), max_length=8)
    version = models.PositiveIntegerField(_("published version"))
    file = models.CharField(_("file"), max_length=300)
    etag = models.CharField(_("content hash"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    filename = models.CharField(_("download name"), max_length=200)
    updated_at = models.DateTimeField(_("stored at"), auto_now=True)

    class Meta:
        verbose_name = _("public document")
        verbose_name_plural = _("public documents")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "code", "year", "lang", "version"],
                name="printing_public_file_one_per_version",
            )
        ]

    def __str__(self):
        return f"{self.document} · {self.code} · {self.year} · v{self.version}"
