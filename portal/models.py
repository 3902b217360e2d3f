"""The programme's document library: what the about page and the library list."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from isaf.models import validate_document_file


class Document(models.Model):
    """One item of the programme's document library.

    The title is translated (modeltranslation: `title_km`, `title_en`); `language`
    records the language the document itself is written in, which is the language of
    its title on the programme's page.
    """

    class Category(models.TextChoices):
        # The order here is the order of the groups on the page: what the programme
        # is (plans), how to do it (guidelines), what makes it official (decisions,
        # agreements), then training, experience and reference material.
        PLANS = "plans", _("Plans and strategies")
        GUIDELINES = "guidelines", _("Guidelines and manuals")
        DECISIONS = "decisions", _("Decisions and letters")
        AGREEMENTS = "agreements", _("Agreements")
        TRAINING = "training", _("Training")
        CASE_STUDIES = "case_studies", _("Case studies")
        WORKSHOPS = "workshops", _("Workshop reports")
        MAPS = "maps", _("Maps")
        SPEECHES = "speeches", _("Speeches")
        OTHER = "other", _("Other documents")

    class Language(models.TextChoices):
        KHMER = "km", _("Khmer")
        ENGLISH = "en", _("English")

    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("A stable short name used in addresses and by the data seed."),
    )
    title = models.CharField(_("title"), max_length=500)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    language = models.CharField(
        _("language of the document"),
        max_length=2,
        choices=Language.choices,
        default=Language.KHMER,
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("Only when the title gives a year; for a range, its first year."),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    file = models.FileField(
        _("file"),
        upload_to="documents/",
        blank=True,
        max_length=255,
        validators=[validate_document_file],
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument or an image (JPEG, PNG), "
            "at most 20 MB."
        ),
    )
    url = models.URLField(
        _("external link"),
        max_length=500,
        blank=True,
        help_text=_("Where the document can be read when no file is attached."),
    )
    position = models.PositiveIntegerField(
        _("position"),
        default=0,
        help_text=_("Documents are listed by this number within their category."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        # The table keeps the name it had when the library lived in `isaf`, so the
        # move to this app kept every row (see migrations/0001_initial.py).
        db_table = "isaf_document"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.file and self.url:
            raise ValidationError(
                _("Attach a file or give an external link, not both."),
                code="file_and_url",
            )

    @property
    def link(self) -> str:
        """Where a reader gets the document, or "" when it is not online yet."""
        if self.file:
            return self.file.url
        return self.url
